package dev.miniats.core.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs a call on several threads released together, for the contracts' concurrency tests. */
final class AtOnce {
    private AtOnce() {
    }

    /** Runs {@code call} for 0..threads-1 on as many threads, released at once; returns the results in order. */
    static <T> List<T> run(int threads, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> next = () -> {
                    start.await();
                    return call.apply(index);
                };
                results.add(pool.submit(next));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> result : results) {
                out.add(result.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
