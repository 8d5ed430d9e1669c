package dev.miniats.local.events;

import dev.miniats.local.aws.TimeOrderedIds;

/**
 * EventBridge event ids: version-4 UUIDs, as the service documents, issued in time order
 * ({@link TimeOrderedIds}: the event log and the delivery table are indexed by event id, and
 * ids from one runtime sort in the order their events were accepted, the tie-break the pipeline
 * uses for events in the same second). Thread-safe.
 */
final class EventIds {
    private final TimeOrderedIds ids = new TimeOrderedIds();

    String next(long nowMillis) {
        return ids.next(nowMillis);
    }
}
