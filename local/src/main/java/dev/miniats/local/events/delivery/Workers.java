package dev.miniats.local.events.delivery;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The delivery workers: a fixed pool that grows by one for each worker let go in a function past its
 * timeout ({@link #letGo}), until that worker comes back, so the pool keeps its size in workers that
 * deliver whatever hangs in a function. Thread-safe.
 */
final class Workers {
    private final ThreadPoolExecutor pool;
    private final int threads;
    private int letGo; // guarded by pool

    Workers(int threads, ThreadFactory factory) {
        this.threads = threads;
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    }

    /** @throws java.util.concurrent.RejectedExecutionException once closed */
    void execute(Runnable task) {
        pool.execute(task);
    }

    /** Counts a worker let go at a timeout (+1), or back from its function (-1), in either order. */
    void letGo(int change) {
        synchronized (pool) {
            letGo += change;
            int size = threads + Math.max(0, letGo);
            if (size > pool.getMaximumPoolSize()) {
                pool.setMaximumPoolSize(size);
                pool.setCorePoolSize(size);
            } else {
                pool.setCorePoolSize(size);
                pool.setMaximumPoolSize(size);
            }
        }
    }

    /** How many threads the pool may run now. */
    int size() {
        return pool.getMaximumPoolSize();
    }

    private int lettingGo() {
        synchronized (pool) {
            return letGo;
        }
    }

    /** Takes no more tasks; waits up to 10 s for those in progress, but not for workers let go in a function that hangs. */
    void close() {
        pool.shutdown();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!pool.awaitTermination(10, TimeUnit.MILLISECONDS)) {
                boolean onlyLetGo = pool.getQueue().isEmpty() && pool.getActiveCount() <= lettingGo();
                if (onlyLetGo || System.nanoTime() - deadline > 0) {
                    pool.shutdownNow();
                    break;
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
