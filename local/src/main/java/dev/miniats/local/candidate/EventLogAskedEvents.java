package dev.miniats.local.candidate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.functions.pages.AskedEvents;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.StoredEvent;

import java.io.IOException;
import java.util.Optional;

/**
 * The asking events, locally: the runtime's event log already holds every event durably, so
 * nothing needs remembering (on AWS a table does, see {@code DynamoDbCandidatePages}). Thread-safe.
 */
final class EventLogAskedEvents implements AskedEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLog log;

    EventLogAskedEvents(EventLog log) {
        this.log = log;
    }

    @Override
    public Optional<ObjectNode> detail(String eventId) {
        return log.event(eventId).flatMap(EventLogAskedEvents::detailOf);
    }

    @Override
    public void remember(String eventId, ObjectNode detail) {
        // the event log keeps every event already
    }

    private static Optional<ObjectNode> detailOf(StoredEvent event) {
        try {
            JsonNode detail = JSON.readTree(event.envelope()).get("detail");
            return detail instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
