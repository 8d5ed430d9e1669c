package dev.miniats.local.ses;

/**
 * Thrown when the local SES refuses a message: SES's {@code code} (e.g. {@code MessageRejected},
 * {@code InvalidParameterValue}, {@code BadRequestException}) and message. Nothing is stored.
 */
public final class MessageRejectedException extends RuntimeException {
    private final String code;

    public MessageRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
