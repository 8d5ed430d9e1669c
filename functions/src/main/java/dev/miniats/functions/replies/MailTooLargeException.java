package dev.miniats.functions.replies;

/** Thrown when a received mail is larger than a calendar reply may be; not retryable: it stays as large. */
public class MailTooLargeException extends RuntimeException {
    public MailTooLargeException(String messageId, long bytes, int maxBytes) {
        super("mail " + messageId + " is " + bytes + " bytes; expected at most " + maxBytes + " for a calendar reply");
    }
}
