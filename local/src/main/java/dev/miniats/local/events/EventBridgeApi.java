package dev.miniats.local.events;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.JsonRouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.PutEventsEntry;
import dev.miniats.local.events.PutEventsResult;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * EventBridge over the AWS JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target:
 * AWSEvents.<Operation>} (https://docs.aws.amazon.com/eventbridge/latest/APIReference/).
 * Operations are registered by name so each group of them can live in its own class.
 */
public final class EventBridgeApi implements AwsService {
    public static final String TARGET_PREFIX = "AWSEvents.";
    static final int MAX_ENTRIES = 10;

    private final EventBus bus;
    private final JsonRouter router = new JsonRouter("events", TARGET_PREFIX);

    public EventBridgeApi(EventBus bus) {
        this.bus = bus;
        router.on("PutEvents", JsonNode.class, this::putEvents);
    }

    /** Registers an operation; {@code handler} gets the request object and returns the answer object. */
    void register(String operation, Function<JsonNode, Object> handler) {
        router.on(operation, JsonNode.class, (request, call) -> handler.apply(request));
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.json(router);
    }


    private Object putEvents(JsonNode request, AwsRequest call) {
        JsonNode entries = request.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw AwsException.validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_ENTRIES + " and greater than or equal to 1");
        }
        List<PutEventsEntry> parsed = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw new AwsException(400, "SerializationException", "Each of Entries must be a JSON object");
            }
            List<String> resources = new ArrayList<>();
            JsonNode res = entry.get("Resources");
            if (res != null && res.isArray()) {
                res.forEach(r -> resources.add(r.asText()));
            }
            parsed.add(new PutEventsEntry(Json.text(entry, "Source"), Json.text(entry, "DetailType"), Json.text(entry, "Detail"),
                    Json.text(entry, "EventBusName"), time(entry), resources, Json.text(entry, "TraceHeader")));
        }
        List<PutEventsResult> results = bus.put(parsed, call.traceHeader());
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("FailedEntryCount", results.stream().filter(PutEventsResult::failed).count());
        ArrayNode out = answer.putArray("Entries");
        for (PutEventsResult r : results) {
            ObjectNode e = out.addObject();
            if (r.failed()) {
                e.put("ErrorCode", r.errorCode());
                e.put("ErrorMessage", r.errorMessage());
            } else {
                e.put("EventId", r.eventId());
            }
        }
        return answer;
    }

    /** The AWS CLI sends {@code Time} as epoch seconds (a JSON number), the SDKs as well; accept both forms. */
    private static String time(JsonNode entry) {
        JsonNode time = entry.get("Time");
        if (time == null || time.isNull()) {
            return null;
        }
        if (time.isNumber()) {
            return java.time.Instant.ofEpochMilli(Math.round(time.asDouble() * 1000)).toString();
        }
        return time.asText();
    }
}
