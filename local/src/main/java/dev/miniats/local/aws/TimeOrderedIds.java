package dev.miniats.local.aws;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids that AWS documents as RFC 4122 version-4 UUIDs (EventBridge event ids, Lambda request ids),
 * laid out like RFC 9562's version 7 so that they sort by the time they were issued: the first 48
 * bits are the epoch millisecond, the next 12 (after the version nibble) a counter within it, the
 * last 62 random.
 *
 * <p>Why: the tables that store them are indexed by them. Random ids put every insert (and every
 * retention delete) on a random B-tree page, and SQLite writes each page a commit touches in full
 * to the WAL, so random keys multiplied the bytes written per row. Time-ordered ids append to the
 * same pages. Ids from one issuer also sort in the order they were issued. These ids are no
 * secret, so the random part need not be cryptographic (and {@link UUID#randomUUID()}'s shared
 * {@code SecureRandom} is a point every caller contends for). Thread-safe.
 */
public final class TimeOrderedIds {
    /** (millis << 12) | counter of the newest id issued. */
    private final AtomicLong last = new AtomicLong();

    /** A new id, issued at {@code nowMillis} (or just after the previous one, should the clock step back). */
    public String next(long nowMillis) {
        long stamp = last.updateAndGet(last -> Math.max(last + 1, nowMillis << 12));
        long millis = stamp >>> 12;
        long counter = stamp & 0xfff;
        long high = (millis << 16) | 0x4000L | counter;
        long low = (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
