package dev.miniats.local.console;

import dev.miniats.local.ats.ActivityReadModel;
import dev.miniats.local.tracing.BusTracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.events.delivery.DeliveryRecord;
import dev.miniats.local.events.StoredEvent;
import dev.miniats.local.queues.DeadLetter;
import dev.miniats.local.queues.DeadLetterQueues;
import dev.miniats.local.queues.DroppedLetter;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The event stream, one event with its deliveries, and the dead letters with redrive. */
final class EventPages {
    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final ActivityReadModel activity;
    private final Console.Services services;

    EventPages(Pages pages, Console.Services services) {
        this.pages = pages;
        this.activity = services.activity();
        this.services = services;
    }

    void list(Context ctx) {
        Map<String, Object> model = pages.model("events", "Events");
        model.putAll(rowsModel(ctx));
        model.put("buses", options(services.bus().buses(), param(ctx, "bus")));
        model.put("detailTypes", options(java.util.Arrays.stream(dev.miniats.core.event.DetailType.values())
                .map(Object::toString).toList(), param(ctx, "type")));
        pages.send(ctx, "events", model);
    }

    void rows(Context ctx) {
        pages.send(ctx, "events-rows", rowsModel(ctx));
    }

    private Map<String, Object> rowsModel(Context ctx) {
        String bus = param(ctx, "bus");
        String type = param(ctx, "type");
        String candidate = param(ctx, "candidate");
        long before = Pages.number(ctx, "before", Long.MAX_VALUE);
        List<StoredEvent> found = activity.events(new ActivityReadModel.EventFilter(bus, type, candidate, before, PAGE_SIZE));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredEvent e : found) {
            rows.add(eventModel(e, services.log().deliveries(e.id())));
        }
        String filter = "bus=" + PipelinePages.encode(bus) + "&type=" + PipelinePages.encode(type)
                + "&candidate=" + PipelinePages.encode(candidate);
        Map<String, Object> model = new HashMap<>();
        model.put("events", rows);
        model.put("empty", rows.isEmpty());
        model.put("bus", bus);
        model.put("type", type);
        model.put("candidate", candidate);
        // Only the newest page follows the feed; an older page stays put while you read it.
        model.put("live", before == Long.MAX_VALUE);
        model.put("self", "/console/events/rows?" + filter);
        if (found.size() == PAGE_SIZE) {
            model.put("older", "/console/events?" + filter + "&before=" + found.get(found.size() - 1).seq());
        }
        return model;
    }

    void event(Context ctx) {
        StoredEvent e = services.log().event(ctx.pathParam("id"))
                .orElseThrow(() -> new Console.NotFound("No event with id " + ctx.pathParam("id")
                        + services.log().agedOut().map(why -> ". It may have aged out: " + why + ".").orElse("")));
        Map<String, Object> model = pages.model("events", e.detailType());
        model.put("e", eventModel(e, services.log().deliveries(e.id())));
        model.put("envelope", Json.pretty(e.envelope()));
        model.put("traceHeader", e.traceHeader());
        String traceId = BusTracing.traceId(e.traceHeader());
        if (traceId != null) {
            model.put("traceHref", "/console/traces/" + traceId);
        }
        pages.send(ctx, "event", model);
    }

    /** The messages in the dead-letter queues (read, not received) and the dead letters EventBridge would have dropped. */
    void deadLetters(Context ctx) {
        Map<String, Object> model = pages.model("dead", "Dead letters");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DeadLetter letter : services.deadLetters().list(200)) {
            Map<String, Object> row = letter.delivery() != null ? deliveryModel(letter.delivery()) : new HashMap<>();
            row.put("redrivable", letter.delivery() != null);
            row.put("queue", letter.queueName());
            row.put("messageId", letter.messageId());
            row.put("sentAt", Pages.time(letter.sentAt().toEpochMilli()));
            row.put("attributes", letter.attributes().entrySet().stream()
                    .map(a -> Map.of("name", a.getKey(), "value", a.getValue())).toList());
            if (letter.delivery() != null) {
                services.log().event(letter.delivery().eventId()).ifPresent(e -> row.put("event", eventModel(e, List.of())));
            }
            rows.add(row);
        }
        model.put("dead", rows);
        model.put("empty", rows.isEmpty());
        List<Map<String, Object>> dropped = new ArrayList<>();
        for (DroppedLetter letter : services.deadLetters().dropped(100)) {
            Map<String, Object> row = deliveryModel(letter.delivery());
            row.put("reason", letter.reason());
            services.log().event(letter.delivery().eventId()).ifPresent(e -> row.put("event", eventModel(e, List.of())));
            dropped.add(row);
        }
        model.put("dropped", dropped);
        model.put("anyDropped", !dropped.isEmpty());
        model.put("defaultQueue", DeadLetterQueues.DEFAULT_QUEUE);
        String redriven = ctx.queryParam("redriven");
        if (redriven != null && redriven.matches("\\d{1,6}")) {
            model.put("flash", redriven.equals("1") ? "1 delivery sent back to its target."
                    : redriven + " deliveries sent back to their targets.");
        }
        pages.send(ctx, "dead-letters", model);
    }

    void redriveOne(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new Console.NotFound("No dead letter with id " + ctx.pathParam("id"));
        }
        redrive(ctx, id);
    }

    void redriveAll(Context ctx) {
        redrive(ctx, null);
    }

    private void redrive(Context ctx, Long id) {
        List<Delivery> again = services.deadLetters().redrive(id);
        // Post/redirect/get: reloading the page does not redrive twice.
        ctx.redirect("/console/dead-letters?redriven=" + again.size(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    static Map<String, Object> eventModel(StoredEvent e, List<DeliveryRecord> deliveries) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.id());
        m.put("href", "/console/events/" + PipelinePages.encode(e.id()));
        m.put("logsHref", "/console/logs?q=" + PipelinePages.encode(e.id()));
        m.put("seq", e.seq());
        m.put("time", Pages.time(e.receivedAt()));
        m.put("detailType", e.detailType());
        m.put("bus", e.bus());
        m.put("source", e.source());
        JsonNode detail = Json.read(e.envelope()).path("detail");
        String candidate = detail.path("candidateId").asText("");
        if (candidate.isBlank() && detail.path("toEmail").isTextual()) {
            candidate = detail.path("toEmail").asText().toLowerCase(Locale.ROOT);
        }
        if (!candidate.isBlank()) {
            m.put("candidate", candidate);
            m.put("candidateHref", "/console/candidates/" + PipelinePages.encode(candidate));
        }
        m.put("candidateName", detail.path("candidateName").asText(null));
        m.put("company", detail.path("companyName").asText(null));
        List<Map<String, Object>> ds = new ArrayList<>();
        deliveries.forEach(d -> ds.add(deliveryModel(d)));
        m.put("deliveries", ds);
        m.put("unmatched", ds.isEmpty());
        return m;
    }

    static Map<String, Object> deliveryModel(DeliveryRecord d) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", d.id());
        m.put("rule", d.rule());
        m.put("target", d.target());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("errorCode", d.lastErrorCode());
        m.put("errorMessage", d.lastErrorMessage());
        m.put("warning", d.warning());
        m.put("result", d.result());
        m.put("updated", Pages.time(d.updatedAt()));
        return m;
    }

    private static List<Map<String, Object>> options(List<String> values, String selected) {
        return values.stream().map(v -> Map.<String, Object>of("value", v, "selected", v.equals(selected))).toList();
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }
}
