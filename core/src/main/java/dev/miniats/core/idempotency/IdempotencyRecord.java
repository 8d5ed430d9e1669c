package dev.miniats.core.idempotency;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What an {@link IdempotencyStore} keeps for one key. Times are whole seconds, as DynamoDB TTL
 * reads them (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html).
 *
 * @param key         the idempotency key, see {@link IdempotencyKey#value()}
 * @param status      in progress or completed
 * @param payloadHash SHA-256 (hex) of the request's business payload; a duplicate must match it
 * @param result      the stored result (JSON) of a completed attempt; null while in progress
 * @param expiresAt   when the record stops counting (and DynamoDB's TTL may delete it)
 * @param lockedUntil when an in-progress attempt's lock lapses, so a crashed attempt cannot block
 *                    its key until {@code expiresAt}
 */
public record IdempotencyRecord(String key, IdempotencyStatus status, String payloadHash, String result,
                                Instant expiresAt, Instant lockedUntil) {
    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key is blank; expected a non-empty idempotency key");
        }
        if ((status == IdempotencyStatus.COMPLETED) != (result != null)) {
            throw new IllegalArgumentException("result is " + (result == null ? "missing" : "present")
                    + " for a " + status + " record; expected a result exactly when COMPLETED");
        }
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        lockedUntil = lockedUntil.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A fresh claim on {@code key}. */
    public static IdempotencyRecord inProgress(String key, String payloadHash, Instant expiresAt, Instant lockedUntil) {
        return new IdempotencyRecord(key, IdempotencyStatus.IN_PROGRESS, payloadHash, null, expiresAt, lockedUntil);
    }

    /** This record, completed with {@code result}. */
    public IdempotencyRecord completed(String result) {
        return new IdempotencyRecord(key, IdempotencyStatus.COMPLETED, payloadHash, result, expiresAt, lockedUntil);
    }

    /**
     * Whether the record still holds its key at {@code now}: not expired, and either completed or
     * locked by an attempt whose lock has not lapsed. A record that is not live counts as absent.
     */
    public boolean isLive(Instant now) {
        return now.isBefore(expiresAt) && (status == IdempotencyStatus.COMPLETED || now.isBefore(lockedUntil));
    }

    /** {@code expiresAt} in epoch seconds: the DynamoDB TTL attribute's value. */
    public long expirationEpochSecond() {
        return expiresAt.getEpochSecond();
    }
}
