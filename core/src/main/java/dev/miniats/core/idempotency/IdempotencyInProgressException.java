package dev.miniats.core.idempotency;

import java.time.Instant;

/**
 * Thrown when another attempt holds the same idempotency key right now (a duplicate delivery
 * racing the first). Retryable: once that attempt completes, a retry gets its stored result;
 * if it crashed, its lock lapses at {@link #lockedUntil()} and a retry runs the effect.
 */
public final class IdempotencyInProgressException extends RuntimeException {
    private final String key;
    private final Instant lockedUntil;

    public IdempotencyInProgressException(String key, Instant lockedUntil) {
        super("Another attempt is in progress for idempotency key '" + key + "' (locked until " + lockedUntil + "); retry later");
        this.key = key;
        this.lockedUntil = lockedUntil;
    }

    public String key() {
        return key;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }
}
