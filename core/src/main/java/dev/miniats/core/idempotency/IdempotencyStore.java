package dev.miniats.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: remembers which effects already happened, so that at-least-once delivery causes each
 * effect once. The semantics are those of Powertools for AWS Lambda's idempotency utility;
 * {@link Idempotency} drives the port, adapters only store. Adapters (DynamoDB, SQLite, in
 * memory) pass {@code IdempotencyStoreContract} in core's test-jar.
 *
 * <p>Implementations are thread-safe, and {@link #putIfAbsent} is atomic across processes.
 */
public interface IdempotencyStore {
    /**
     * Stores {@code claim} unless a record {@linkplain IdempotencyRecord#isLive live at now}
     * holds its key. Returns empty when {@code claim} was stored (the caller owns the key), else
     * the live record, unchanged. A record that is not live is replaced, as if absent.
     */
    Optional<IdempotencyRecord> putIfAbsent(IdempotencyRecord claim, Instant now);

    /** Marks {@code key} completed with {@code result}, keeping its hash and expiry. */
    void complete(String key, String result);

    /** Forgets {@code key} after a failed attempt, so a retry may run the effect. */
    void release(String key);

    /** The record for {@code key}, live or not, if the store still has it. */
    Optional<IdempotencyRecord> find(String key);
}
