package dev.miniats.local;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A step of the start that runs on a thread of its own while the boot thread goes on, for steps
 * that mostly wait or load classes (the mail server's listener threads) and that nothing needs
 * until {@link #join}. Thread-safe.
 */
final class BootTask {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private BootTask() {
    }

    static BootTask start(String name, Runnable work) {
        BootTask task = new BootTask();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                task.done.complete(null);
            } catch (RuntimeException | Error e) {
                task.done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** Waits for the step; rethrows what it threw, as if it had run on the calling thread. */
    void join() {
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e.getCause();
        }
    }
}
