package dev.miniats.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * An {@link IdempotencyStore} that forwards every call to another, for tests that override one
 * step (to watch it, or to make it fail as a crash would). Thread-safe when the delegate is.
 */
public class ForwardingIdempotencyStore implements IdempotencyStore {
    private final IdempotencyStore delegate;

    public ForwardingIdempotencyStore(IdempotencyStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<IdempotencyRecord> putIfAbsent(IdempotencyRecord claim, Instant now) {
        return delegate.putIfAbsent(claim, now);
    }

    @Override
    public void complete(String key, String result) {
        delegate.complete(key, result);
    }

    @Override
    public void release(String key) {
        delegate.release(key);
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
        return delegate.find(key);
    }
}
