package dev.miniats.local.ats;

import dev.miniats.local.tracing.TraceIds;
import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.QueryStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.queues.DeadLetterQueues;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.tracing.SpanStore;
import io.javalin.http.Context;

import java.util.List;

/**
 * The bus's own API under {@code /_ats}: redriving dead letters and reading traces. A redrive
 * takes a dead letter out of its queue and makes its delivery pending again with fresh attempts.
 * Thread-safe.
 */
final class BusApi {
    private final EventLog log;
    private final DeadLetterQueues deadLetters;
    private final SpanStore spans;

    BusApi(EventLog log, DeadLetterQueues deadLetters, SpanStore spans) {
        this.log = log;
        this.deadLetters = deadLetters;
        this.spans = spans;
    }

    void redriveOne(Context ctx) {
        long id = QueryStrings.pathNumber(ctx, "id");
        if (log.delivery(id).isEmpty()) {
            throw AwsException.notFound("Dead letter " + id + " does not exist.");
        }
        answer(ctx, redrive(id));
    }

    void redriveAll(Context ctx) {
        answer(ctx, redrive(null));
    }

    private List<Delivery> redrive(Long id) {
        List<Delivery> redriven = deadLetters.redrive(id);
        if (id != null && redriven.isEmpty()) {
            throw new AwsException(409, "ConflictException", "Delivery " + id + " has no message in a dead-letter queue"
                    + " (it is not dead-lettered, was dropped, or its message is in flight with a consumer); only dead letters are redriven.");
        }
        return redriven;
    }

    private static void answer(Context ctx, List<Delivery> redriven) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("redriven", redriven.size());
        ArrayNode ids = body.putArray("ids");
        redriven.forEach(d -> ids.add(d.id()));
        Json.answer(ctx, "application/json", body);
    }

    /** {@code GET /_ats/traces/{traceId}}: a 32-hex trace id or an X-Ray root ({@code 1-xxxxxxxx-yyyy...}). */
    void trace(Context ctx) {
        String raw = ctx.pathParam("traceId").toLowerCase();
        String traceId = raw.startsWith("1-") ? TraceIds.otel(raw) : raw;
        if (!TraceIds.isHex(traceId, 32)) {
            throw AwsException.validation("Trace id " + raw + " is not valid; expected 32 hex digits or an X-Ray root 1-<8 hex>-<24 hex>");
        }
        List<SpanStore.StoredSpan> found = spans.trace(traceId);
        if (found.isEmpty()) {
            throw AwsException.notFound("Trace " + traceId + " has no spans (yet).");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("traceId", traceId);
        body.put("xrayTraceId", TraceIds.xray(traceId));
        ArrayNode out = body.putArray("spans");
        for (SpanStore.StoredSpan s : found) {
            ObjectNode node = out.addObject();
            node.put("spanId", s.spanId());
            node.put("parentId", s.parentId());
            node.put("name", s.name());
            node.put("startNanos", s.startNanos());
            node.put("endNanos", s.endNanos());
            node.put("durationMicros", (s.endNanos() - s.startNanos()) / 1000);
            node.put("status", s.status());
            try {
                node.set("attributes", Json.MAPPER.readTree(s.attributesJson()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored span attributes are not JSON", e);
            }
        }
        Json.answer(ctx, "application/json", body);
    }
}
