package dev.miniats.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One hiring event as a function sees it.
 *
 * @param eventId    the EventBridge event id; empty when a function was invoked with a bare detail
 * @param detailType the detail-type from the envelope; empty for a bare detail
 * @param time       the event's time (envelope {@code time}, else the invocation time)
 * @param detail     the validated detail
 */
public record HiringEvent(Optional<String> eventId, Optional<DetailType> detailType, Instant time, CandidateDetail detail) {
    public HiringEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
    }
}
