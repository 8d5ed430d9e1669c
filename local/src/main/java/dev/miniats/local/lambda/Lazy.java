package dev.miniats.local.lambda;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built on first use, once; a build that throws is tried again on the next use.
 * Thread-safe: concurrent first uses wait for the one build.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> build;
    private volatile T value;

    Lazy(Supplier<T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public T get() {
        T built = value;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (value == null) {
                value = Objects.requireNonNull(build.get(), "a lazily built value");
            }
            return value;
        }
    }
}
