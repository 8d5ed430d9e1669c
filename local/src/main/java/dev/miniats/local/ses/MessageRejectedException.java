package dev.miniats.local.ses;

/**
 * Thrown when SES accepts the request but refuses the message: an unverified sender or (in the
 * sandbox) recipient, a message over the size limit, no recipients. Nothing is stored.
 * Both SES APIs call it {@code MessageRejected}.
 */
final class MessageRejectedException extends SesException {
    public MessageRejectedException(String message) {
        super(400, "MessageRejected", "MessageRejected", message);
    }
}
