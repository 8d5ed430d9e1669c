package dev.miniats.core.link;

/**
 * Thrown when a candidate link's token is refused: malformed, forged (its signature does not
 * match), expired, or issued for another candidate or action. The message is safe to show the
 * candidate; it never echoes the token.
 */
public final class InvalidLinkException extends RuntimeException {
    /** Why a token was refused. */
    public enum Reason {
        MALFORMED("This link is incomplete or damaged. Please use the link exactly as it appears in your email."),
        FORGED("This link is not valid. Please use the link exactly as it appears in your email."),
        EXPIRED("This link has expired. Please reply to the email it came in and we will send you a new one."),
        WRONG_CANDIDATE("This link belongs to another candidate. Please use the link from your own email."),
        WRONG_ACTION("This link is for another step. Please use the button for this step in your email.");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public InvalidLinkException(Reason reason) {
        super(reason.message());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
