package dev.miniats.functions.replies;

/**
 * Port: the raw MIME content of a mail SES received, by its message id. On AWS the receipt rule's
 * S3 action stored it under a prefix of the inbound bucket. Implementations are thread-safe.
 */
public interface InboundMail {
    /**
     * The mail's bytes, at most {@code maxBytes}.
     *
     * @throws MailTooLargeException when the stored mail is larger; it is not read
     * @throws MailNotFoundException when no mail with that id is stored
     */
    byte[] read(String messageId, int maxBytes);
}
