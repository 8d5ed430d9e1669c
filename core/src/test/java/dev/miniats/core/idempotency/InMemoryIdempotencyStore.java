package dev.miniats.core.idempotency;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/** {@link IdempotencyStore} in a map, for handler tests. Thread-safe: each key changes atomically. */
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
