package dev.miniats.core.idempotency;

import dev.miniats.core.PermanentFailure;

/**
 * Thrown when an idempotency key was already used with a different payload, e.g. a second
 * {@code schedule-interview} for the same interview at another time. Permanent: retrying the
 * same event cannot change the earlier effect; the message says what to send instead.
 */
public final class IdempotencyKeyMismatchException extends RuntimeException implements PermanentFailure {
    private final String key;

    public IdempotencyKeyMismatchException(String key, String advice) {
        super("Idempotency key '" + key + "' was already used with a different payload; " + advice);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
