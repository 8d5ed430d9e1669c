package dev.miniats.core.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an effect at most once per {@link IdempotencyKey} while its record lives, over an
 * {@link IdempotencyStore}: claim the key (an in-progress record with a lock), run the effect,
 * store its result. A duplicate of a completed effect gets the stored result without running;
 * a duplicate racing an attempt gets {@link IdempotencyInProgressException} (retryable); a
 * failed attempt releases the key so the retry runs it again; the same key with another payload
 * is {@link IdempotencyKeyMismatchException} (permanent).
 *
 * <p>Thread-safe when the store is.
 */
public final class Idempotency {
    private final IdempotencyStore store;
    private final IdempotencyConfig config;
    private final Clock clock;

    public Idempotency(IdempotencyStore store, IdempotencyConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs {@code effect} unless {@code key} already has a live record.
     *
     * @throws IdempotencyInProgressException when another attempt holds the key; retryable
     * @throws IdempotencyKeyMismatchException when the key was used with another payload; permanent
     */
    public IdempotentResult execute(IdempotencyKey key, Supplier<String> effect) {
        return execute(key, config.lockTimeout(), effect);
    }

    /**
     * Like {@link #execute(IdempotencyKey, Supplier)}, holding the key for at most {@code remaining}
     * (the invocation's remaining time, as Powertools does with Lambda's context): an attempt
     * killed by its timeout frees its key when it could no longer finish, not minutes later.
     * The configured lock timeout still caps it; the lock lasts at least one second.
     */
    public IdempotentResult execute(IdempotencyKey key, Duration remaining, Supplier<String> effect) {
        Instant now = clock.instant();
        Duration lock = remaining.compareTo(config.lockTimeout()) < 0 ? remaining : config.lockTimeout();
        if (lock.compareTo(Duration.ofSeconds(1)) < 0) {
            lock = Duration.ofSeconds(1);
        }
        IdempotencyRecord claim = IdempotencyRecord.inProgress(key.value(), key.payloadHash(),
                now.plus(config.expiry()), now.plus(lock));
        Optional<IdempotencyRecord> existing = store.putIfAbsent(claim, now);
        if (existing.isPresent()) {
            return replay(key, existing.get());
        }
        String result;
        boolean succeeded = false;
        try {
            result = effect.get();
            succeeded = true;
        } finally {
            if (!succeeded) {
                store.release(key.value());
            }
        }
        // Not released when completing fails: the effect happened, so the lock stays until it
        // lapses rather than inviting an immediate second send.
        store.complete(key.value(), result);
        return new IdempotentResult(result, false);
    }

    private static IdempotentResult replay(IdempotencyKey key, IdempotencyRecord record) {
        if (!record.payloadHash().equals(key.payloadHash())) {
            throw new IdempotencyKeyMismatchException(key.value(), key.mismatchAdvice());
        }
        if (record.status() == IdempotencyStatus.COMPLETED) {
            return new IdempotentResult(record.result(), true);
        }
        throw new IdempotencyInProgressException(key.value(), record.lockedUntil());
    }
}
