package dev.miniats.local.ats;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.QueryStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.events.delivery.DeliveryRecord;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.StoredEvent;
import dev.miniats.local.queues.DeadLetter;
import dev.miniats.local.queues.DeadLetterQueues;
import dev.miniats.local.queues.DroppedLetter;
import io.javalin.http.Context;

/**
 * The runtime's own read API under {@code /_ats}: events with their deliveries, the messages in
 * the dead-letter queues and the dead letters EventBridge would have dropped.
 */
final class LocalApi {
    private final EventLog log;
    private final DeadLetterQueues deadLetters;

    LocalApi(EventLog log, DeadLetterQueues deadLetters) {
        this.log = log;
        this.deadLetters = deadLetters;
    }

    void health(Context ctx) {
        Json.answer(ctx, "application/json", java.util.Map.of("status", "ok"));
    }

    void event(Context ctx) {
        StoredEvent event = log.event(ctx.pathParam("id"))
                .orElseThrow(() -> AwsException.notFound("Event " + ctx.pathParam("id") + " does not exist."));
        Json.answer(ctx, "application/json", eventJson(event, true));
    }

    void events(Context ctx) {
        int limit = (int) QueryStrings.number(ctx, "limit", 50, 1, 500);
        long before = QueryStrings.number(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (StoredEvent event : log.recent(limit, before)) {
            out.add(eventJson(event, false));
        }
        Json.answer(ctx, "application/json", out);
    }

    /** The messages in the dead-letter queues, each with the delivery it came from (when known) and its attributes. */
    void deadLetters(Context ctx) {
        int limit = (int) QueryStrings.number(ctx, "limit", 100, 1, 500);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (DeadLetter letter : deadLetters.list(limit)) {
            ObjectNode node = letter.delivery() != null ? deliveryJson(letter.delivery()) : Json.MAPPER.createObjectNode();
            node.put("queueArn", letter.queueArn());
            node.put("messageId", letter.messageId());
            node.put("sentAt", letter.sentAt().toString());
            node.put("receiveCount", letter.receiveCount());
            ObjectNode attributes = node.putObject("messageAttributes");
            letter.attributes().forEach(attributes::put);
            try {
                node.set("event", Json.MAPPER.readTree(letter.body()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                node.put("body", letter.body()); // someone else's message, not an event
            }
            out.add(node);
        }
        Json.answer(ctx, "application/json", out);
    }

    /** Dead letters that reached no queue (no dead-letter config, or a missing queue), with why. */
    void droppedLetters(Context ctx) {
        int limit = (int) QueryStrings.number(ctx, "limit", 100, 1, 500);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (DroppedLetter dropped : deadLetters.dropped(limit)) {
            ObjectNode node = deliveryJson(dropped.delivery());
            node.put("queueArn", dropped.queueArn());
            node.put("dropped", dropped.reason());
            out.add(node);
        }
        Json.answer(ctx, "application/json", out);
    }

    private ObjectNode eventJson(StoredEvent event, boolean withDeliveries) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("seq", event.seq());
        node.put("id", event.id());
        node.put("bus", event.bus());
        node.put("source", event.source());
        node.put("detailType", event.detailType());
        node.put("traceHeader", event.traceHeader());
        node.put("receivedAt", java.time.Instant.ofEpochMilli(event.receivedAt()).toString());
        node.set("event", envelope(event));
        if (withDeliveries) {
            ArrayNode deliveries = node.putArray("deliveries");
            log.deliveries(event.id()).forEach(d -> deliveries.add(deliveryJson(d)));
        }
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode envelope(StoredEvent event) {
        try {
            return Json.MAPPER.readTree(event.envelope());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored envelope is not JSON", e);
        }
    }

    private static ObjectNode deliveryJson(DeliveryRecord d) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", d.id());
        node.put("eventId", d.eventId());
        node.put("rule", d.rule());
        node.put("target", d.target());
        node.put("function", d.function());
        node.put("status", d.status());
        node.put("attempts", d.attempts());
        node.put("errorCode", d.lastErrorCode());
        node.put("errorMessage", d.lastErrorMessage());
        node.put("warning", d.warning());
        node.put("deadLetterArn", d.deadLetterArn());
        node.put("result", d.result());
        node.put("updatedAt", java.time.Instant.ofEpochMilli(d.updatedAt()).toString());
        return node;
    }
}
