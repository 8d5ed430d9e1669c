package dev.miniats.core.mail;

/** Thrown when the mail service throttles or fails (HTTP 429 or 5xx, a network error). Retryable. */
public final class MailUnavailableException extends RuntimeException {
    public MailUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
