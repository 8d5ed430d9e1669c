package dev.miniats.local.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Times out the invocations that run on their caller's thread ({@link FunctionRegistry#invokeHere}):
 * one thread for all of them, which sleeps until the earliest deadline. An invocation that ends in
 * time costs a set entry, not a wake-up: a scheduled executor woke its thread for each task
 * scheduled while its queue was empty, which at 10,000 invocations a second is most of them. The
 * thread only claims a timeout and interrupts its runner; what ends the invocation runs on
 * {@code endings}, so one slow ending never delays another timeout. Thread-safe.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final Set<Watched> running = ConcurrentHashMap.newKeySet();
    private final long idleNanos;
    private final Executor endings;
    private final Thread thread;
    /** Set while the thread scans: an invocation watched meanwhile wakes it, as the scan may have missed it. */
    private volatile boolean scanning;
    /** When the thread wakes next (System.nanoTime), unless woken. */
    private volatile long wakeAt;
    private volatile boolean closed;

    /**
     * @param idleNanos how long the thread sleeps with nothing to watch (the usual timeout: nothing watched later can be due sooner)
     * @param endings   runs each timed-out invocation's {@code onTimeout}
     */
    Watchdog(long idleNanos, Executor endings) {
        this.idleNanos = idleNanos;
        this.endings = endings;
        this.wakeAt = System.nanoTime() + idleNanos;
        this.thread = new Thread(this::watch, "function-timeout");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Watches the calling thread's invocation until {@code deadline} ({@link System#nanoTime}): past it,
     * that thread is interrupted and {@code onTimeout} runs on {@code endings}, unless the invocation
     * {@link Watched#end() ended} first.
     */
    Watched watch(long deadline, Runnable onTimeout) {
        Watched watched = new Watched(Thread.currentThread(), deadline, onTimeout);
        running.add(watched);
        if (scanning || deadline - wakeAt < 0) {
            LockSupport.unpark(thread);
        }
        return watched;
    }

    private void watch() {
        while (!closed) {
            scanning = true;
            long now = System.nanoTime();
            long next = now + idleNanos;
            for (Watched watched : running) {
                if (watched.deadline - now <= 0) {
                    running.remove(watched);
                    watched.timeOut();
                } else if (watched.deadline - next < 0) {
                    next = watched.deadline;
                }
            }
            wakeAt = next;
            scanning = false;
            LockSupport.parkNanos(this, next - System.nanoTime());
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** One invocation, watched from {@link #watch} until it {@link #end ends} or times out, whichever comes first. */
    final class Watched {
        private static final int RUNNING = 0;
        private static final int ENDED = 1;
        private static final int TIMING_OUT = 2;
        private static final int TIMED_OUT = 3;

        private final Thread runner;
        private final long deadline;
        private final Runnable onTimeout;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        private Watched(Thread runner, long deadline, Runnable onTimeout) {
            this.runner = runner;
            this.deadline = deadline;
            this.onTimeout = onTimeout;
        }

        /**
         * Called by the invocation's thread when its function returned: true when that was in time;
         * false when the watchdog timed it out first (then its interrupt is cleared, so it cannot
         * reach what this thread does next).
         */
        boolean end() {
            running.remove(this);
            if (state.compareAndSet(RUNNING, ENDED)) {
                return true;
            }
            while (state.get() != TIMED_OUT) {
                Thread.yield(); // the watchdog is between its claim and the interrupt
            }
            Thread.interrupted();
            return false;
        }

        private void timeOut() {
            if (!state.compareAndSet(RUNNING, TIMING_OUT)) {
                return;
            }
            runner.interrupt();
            state.set(TIMED_OUT);
            try {
                endings.execute(this::runOnTimeout);
            } catch (RuntimeException | Error e) { // the registry is closing, or no thread is to be had: end it here
                runOnTimeout();
            }
        }

        private void runOnTimeout() {
            try {
                onTimeout.run();
            } catch (RuntimeException | Error e) { // logged, not lost: the watchdog (or the pool's thread) goes on
                LOG.error("ending an invocation timed out on {} failed", runner.getName(), e);
            }
        }
    }
}
