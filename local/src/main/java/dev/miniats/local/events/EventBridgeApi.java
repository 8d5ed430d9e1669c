package dev.miniats.local.events;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.JsonRouter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * EventBridge over the AWS JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target:
 * AWSEvents.<Operation>} (https://docs.aws.amazon.com/eventbridge/latest/APIReference/).
 * PutEvents is here; buses, rules and targets, archives and replays, and tags each register
 * their own group of operations on the same router. Thread-safe.
 */
public final class EventBridgeApi implements AwsService {
    public static final String TARGET_PREFIX = "AWSEvents.";
    static final int MAX_ENTRIES = 10;

    private final EventBus bus;
    private final JsonRouter router = new JsonRouter("events", TARGET_PREFIX);

    public EventBridgeApi(EventBus bus, Archives archives) {
        this.bus = bus;
        // the hot path of every benchmark and workshop: served ahead of the web framework
        router.on("PutEvents", PutEventsRequest.class, this::putEvents).lean("PutEvents");
        BusTags tags = new BusTags(bus);
        new BusApi(bus, tags).registerOn(router);
        new RuleApi(bus, tags).registerOn(router);
        new ArchiveApi(archives, bus).registerOn(router);
        new TagApi(bus, tags).registerOn(router);
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.json(router);
    }

    /** PutEvents' request (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). */
    record PutEventsRequest(List<Entry> entries) {
        PutEventsRequest {
            if (entries == null || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
                throw new BusException.Validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: "
                        + "Member must have length less than or equal to " + MAX_ENTRIES + " and greater than or equal to 1");
            }
            if (entries.contains(null)) {
                throw AwsException.serialization("Each of Entries must be a JSON object");
            }
        }
    }

    /** One entry as received; the bus validates its fields and answers per-entry errors. */
    record Entry(String source, String detailType, String detail, String eventBusName,
                 @JsonDeserialize(using = EpochSecondsOrText.class) String time, List<String> resources, String traceHeader) {
        PutEventsEntry toPutEventsEntry() {
            return new PutEventsEntry(source, detailType, detail, eventBusName, time, resources, traceHeader);
        }
    }

    /** PutEvents' answer: one result per entry, in order; each an EventId or an ErrorCode and ErrorMessage. */
    record PutEventsAnswer(int failedEntryCount, List<PutEventsResult> entries) {
    }

    private PutEventsAnswer putEvents(PutEventsRequest request, AwsRequest call) {
        List<PutEventsResult> results = bus.put(request.entries().stream().map(Entry::toPutEventsEntry).toList(), call.traceHeader());
        return new PutEventsAnswer((int) results.stream().filter(PutEventsResult::failed).count(), results);
    }

    /**
     * {@code Time} as the bus reads it, ISO-8601 text: the AWS CLI and the SDKs send epoch seconds (a
     * JSON number, JSON 1.1's timestamp format); hand-written clients often send ISO-8601 text, which
     * is kept as sent so the bus can refuse a malformed one in that entry alone.
     */
    static final class EpochSecondsOrText extends StdDeserializer<String> {
        EpochSecondsOrText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken().isNumeric()) {
                return Instant.ofEpochMilli(Math.round(parser.getDoubleValue() * 1000)).toString();
            }
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            return (String) context.handleUnexpectedToken(Instant.class, parser);
        }
    }
}
