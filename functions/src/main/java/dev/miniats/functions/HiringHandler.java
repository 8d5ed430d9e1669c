package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import dev.miniats.core.event.InvalidEventException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Set;

/**
 * The shape every hiring function shares: read the input (an EventBridge envelope or a bare
 * detail), validate it, do the one thing, answer with a small JSON result. A failure is thrown,
 * never swallowed, so Lambda reports it and EventBridge retries or dead-letters the event.
 *
 * <p>Subclasses wire their dependencies once in their constructor (the cold-start phase).
 * Thread-safe when the subclass is: the local runtime calls one instance from several threads.
 */
public abstract class HiringHandler implements RequestStreamHandler {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Set<DetailType> accepted;

    protected HiringHandler(Clock clock, Set<DetailType> accepted) {
        this.clock = clock;
        this.accepted = Set.copyOf(accepted);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("event", null, "a JSON document (" + e.getOriginalMessage() + ")");
        }
        HiringEvent event = HiringEvents.parse(json, clock);
        if (event.detailType().isPresent() && !accepted.contains(event.detailType().get())) {
            throw new InvalidEventException("detail-type", event.detailType().get().wireName(), "one of " + accepted);
        }
        ObjectNode result = handle(event, context);
        JSON.writeValue(output, result);
    }

    /** Does the function's work for one valid event and returns what the invocation answers. */
    protected abstract ObjectNode handle(HiringEvent event, Context context);

    protected final Clock clock() {
        return clock;
    }

    protected static ObjectNode result(HiringEvent event, String messageId) {
        ObjectNode result = JSON.createObjectNode();
        result.put("candidateId", event.detail().candidateId());
        event.eventId().ifPresent(id -> result.put("eventId", id));
        result.put("messageId", messageId);
        return result;
    }
}
