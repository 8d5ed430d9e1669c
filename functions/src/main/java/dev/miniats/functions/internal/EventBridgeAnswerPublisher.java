package dev.miniats.functions.internal;

import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.pages.AnswerPublisher;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.Optional;

/**
 * {@link AnswerPublisher} through EventBridge {@code PutEvents}: one entry, source
 * {@code mini-ats}, on the configured bus. A refused entry (its {@code ErrorCode}) is an empty
 * answer; an unreachable bus throws the SDK's exception. Thread-safe (the SDK client is).
 */
public final class EventBridgeAnswerPublisher implements AnswerPublisher {
    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeAnswerPublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public Optional<String> publish(String detailType, String detailJson) {
        PutEventsResultEntry entry = events.putEvents(put -> put.entries(PutEventsRequestEntry.builder()
                .source(RoutingDeclaration.SOURCE).detailType(detailType).detail(detailJson).eventBusName(busName).build()))
                .entries().get(0);
        return entry.errorCode() == null && entry.eventId() != null ? Optional.of(entry.eventId()) : Optional.empty();
    }
}
