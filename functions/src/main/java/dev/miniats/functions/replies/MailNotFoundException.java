package dev.miniats.functions.replies;

/**
 * Thrown when the mail a receiving event names is not in the inbound store: the S3 action did not
 * store it (yet), or it expired. Thrown on, so Lambda retries the event.
 */
public class MailNotFoundException extends RuntimeException {
    public MailNotFoundException(String where, Throwable cause) {
        super("no received mail at " + where + "; expected the receipt rule's S3 action to have stored it", cause);
    }
}
