package dev.miniats.local.events;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * EventBridge event ids: RFC 4122 version-4 UUIDs, as the service documents, but laid out like
 * RFC 9562's version 7 so that they sort by the time they were issued: the first 48 bits are the
 * epoch millisecond, the next 12 (after the version nibble) a counter within it, the last 62 random.
 *
 * <p>Why: the event log and the delivery table are indexed by event id. Random ids put every
 * insert on a random B-tree page, and SQLite writes each page a commit touches in full to the WAL,
 * so random keys multiplied the bytes written per event. Time-ordered ids append to the same
 * pages. Ids from one runtime also sort in the order their events were accepted, which is the
 * tie-break the pipeline uses for events in the same second. An event id is no secret, so the
 * random part need not be cryptographic. Thread-safe.
 */
final class EventIds {
    /** (millis << 12) | counter of the newest id issued. */
    private final AtomicLong last = new AtomicLong();

    String next(long nowMillis) {
        long stamp = last.updateAndGet(last -> Math.max(last + 1, nowMillis << 12));
        long millis = stamp >>> 12;
        long counter = stamp & 0xfff;
        long high = (millis << 16) | 0x4000L | counter;
        long low = (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
