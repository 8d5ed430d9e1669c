package dev.miniats.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, kept whole (a run has at most a few hundred thousand). Thread-safe. */
final class Histogram {
    private long[] samples;
    private int size;

    Histogram(int expected) {
        samples = new long[Math.max(16, expected)];
    }

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    /** p50, p90, p99, p99.9 and max in milliseconds. */
    synchronized String summary() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1))] / 1e6;
    }
}
