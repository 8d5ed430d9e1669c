package dev.miniats.local.backends;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An embedded backend started on its first use, not at the runtime's start, so {@code ./ats up}
 * does not pay for backends a session never calls. Thread-safe: one start, however many callers.
 */
public final class LazyBackend<T extends AutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LazyBackend.class);

    private final String name;
    private final Supplier<T> starter;
    private final ReentrantLock lock = new ReentrantLock();
    private T backend;
    private boolean closed;

    public LazyBackend(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    /** The running backend, started now if this is its first use. */
    public T get() {
        lock.lock();
        try {
            if (closed) {
                throw new BackendUnavailableException(name + " is stopped: the runtime is shutting down");
            }
            if (backend == null) {
                long start = System.nanoTime();
                backend = starter.get();
                LOG.info("{} started on first use in {} ms", name, (System.nanoTime() - start) / 1_000_000);
            }
            return backend;
        } finally {
            lock.unlock();
        }
    }

    /** The backend if it has been started (and not stopped), else null; never starts it. */
    public T current() {
        lock.lock();
        try {
            return closed ? null : backend;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws Exception {
        lock.lock();
        try {
            closed = true;
            if (backend != null) {
                backend.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
