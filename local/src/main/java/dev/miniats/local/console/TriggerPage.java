package dev.miniats.local.console;

import dev.miniats.local.ats.ActivityReadModel;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.InvalidEventException;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.local.events.PutEventsEntry;
import dev.miniats.local.events.PutEventsResult;
import dev.miniats.local.events.StoredEvent;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forms that put hiring events on the bus. The detail is checked with the event contract first, so
 * a mistake shows next to its input instead of ending up in the dead letters; a valid one goes
 * through {@link dev.miniats.local.events.EventBus#put} like any PutEvents entry.
 */
final class TriggerPage {
    private final Pages pages;
    private final ActivityReadModel activity;
    private final Console.Services services;

    TriggerPage(Pages pages, Console.Services services) {
        this.pages = pages;
        this.activity = services.activity();
        this.services = services;
    }

    void form(Context ctx) {
        DetailType type = type(ctx.queryParam("type"));
        Map<String, String> carried = carriedFrom(ctx.queryParam("candidate"));
        TriggerForm form = TriggerForm.of(type, carried::get);
        send(ctx, form, null, null);
    }

    void submit(Context ctx) {
        DetailType type = type(ctx.formParam("type"));
        TriggerForm form = TriggerForm.of(type, ctx::formParam);
        Optional<InvalidEventException> problem = form.problem(services.clock());
        if (problem.isPresent()) {
            ctx.status(422);
            send(ctx, form, problem.get(), null);
            return;
        }
        PutEventsEntry entry = new PutEventsEntry(RoutingDeclaration.SOURCE, type.wireName(), form.detail().toString(),
                services.routing().busName(), null, List.of(), null);
        PutEventsResult result = services.bus().put(List.of(entry), null).get(0);
        send(ctx, form, null, result);
    }

    private void send(Context ctx, TriggerForm form, InvalidEventException problem, PutEventsResult result) {
        Map<String, Object> model = pages.model("trigger", "Trigger");
        List<Map<String, Object>> tabs = new ArrayList<>();
        for (DetailType t : DetailType.values()) {
            tabs.add(Map.of("type", t.wireName(), "href", "/console/trigger?type=" + t.wireName(), "current", t == form.type()));
        }
        model.put("tabs", tabs);
        model.put("type", form.type().wireName());
        model.put("fields", form.fields(problem));
        if (problem != null) {
            model.put("problem", problem.getMessage());
            model.put("problemAboveForm", !form.hasInputFor(problem));
        }
        if (result != null) {
            if (result.failed()) {
                model.put("rejected", result.errorCode() + ": " + result.errorMessage());
            } else {
                StoredEvent stored = services.log().event(result.eventId()).orElseThrow();
                model.put("sent", EventPages.eventModel(stored, services.log().deliveries(result.eventId())));
            }
        }
        pages.send(ctx, "trigger", model);
    }

    private Map<String, String> carriedFrom(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return Map.of();
        }
        List<StoredEvent> events = activity.candidateEvents(candidate.strip());
        if (events.isEmpty()) {
            return Map.of();
        }
        JsonNode detail = Json.read(events.get(events.size() - 1).envelope()).path("detail");
        return TriggerForm.carriedOver(detail);
    }

    private static DetailType type(String wireName) {
        return DetailType.fromWireName(wireName == null ? "" : wireName).orElse(DetailType.SEND_ASSESSMENT);
    }
}
