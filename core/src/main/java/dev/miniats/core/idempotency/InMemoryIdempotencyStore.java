package dev.miniats.core.idempotency;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link IdempotencyStore} in this process's memory: idempotency records last as long as the process. For tests, and for a
 * single-process runtime that accepts losing them on restart (the local runtime passes SQLite
 * adapters instead). Passes the port's contract suite. Thread-safe: each key changes atomically.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final ConcurrentMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<IdempotencyRecord> putIfAbsent(IdempotencyRecord claim, Instant now) {
        AtomicReference<IdempotencyRecord> live = new AtomicReference<>();
        records.compute(claim.key(), (key, current) -> {
            if (current != null && current.isLive(now)) {
                live.set(current);
                return current;
            }
            return claim;
        });
        return Optional.ofNullable(live.get());
    }

    @Override
    public void complete(String key, String result) {
        records.computeIfPresent(key, (k, current) -> current.completed(result));
    }

    @Override
    public void release(String key) {
        records.remove(key);
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
        return Optional.ofNullable(records.get(key));
    }
}
