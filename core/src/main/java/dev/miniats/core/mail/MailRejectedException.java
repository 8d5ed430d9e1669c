package dev.miniats.core.mail;

import dev.miniats.core.PermanentFailure;

/** Thrown when the mail service refuses a message for good (unverified sender, bad address, too large). Permanent. */
public final class MailRejectedException extends RuntimeException implements PermanentFailure {
    private final String code;

    public MailRejectedException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    /** The service's error code, e.g. {@code MessageRejected}. */
    public String code() {
        return code;
    }
}
