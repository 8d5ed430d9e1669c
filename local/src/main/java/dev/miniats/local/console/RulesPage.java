package dev.miniats.local.console;

import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.BusException;
import dev.miniats.local.events.LocalRule;
import dev.miniats.local.events.PatternTester;
import dev.miniats.local.events.Target;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bus's rules with their patterns, and a playground that matches a pattern against an event
 * with event-ruler, the engine the bus itself uses (what EventBridge's TestEventPattern answers).
 */
final class RulesPage {
    private static final String SAMPLE_EVENT = """
            {
              "version": "0",
              "id": "00000000-0000-0000-0000-000000000000",
              "detail-type": "send-assessment",
              "source": "mini-ats",
              "account": "000000000000",
              "time": "2026-12-01T10:00:00Z",
              "region": "us-east-1",
              "resources": [],
              "detail": {
                "toEmail": "ada@example.com",
                "fromEmail": "talent@example.com",
                "companyName": "Criteria Corp Testing"
              }
            }""";

    private final Pages pages;
    private final EventBus bus;
    private final String hiringBus;

    RulesPage(Pages pages, EventBus bus, String hiringBus) {
        this.pages = pages;
        this.bus = bus;
        this.hiringBus = hiringBus;
    }

    void show(Context ctx) {
        // Start from the rule the sample event is for, so the first click shows a match.
        String pattern = bus.rule(hiringBus, "send-assessment").map(LocalRule::eventPattern)
                .or(() -> bus.rules(hiringBus).stream().findFirst().map(LocalRule::eventPattern))
                .orElse("{\"source\": [\"mini-ats\"]}");
        send(ctx, Json.pretty(pattern), SAMPLE_EVENT, null);
    }

    void test(Context ctx) {
        String pattern = ctx.formParam("pattern") == null ? "" : ctx.formParam("pattern");
        String event = ctx.formParam("event") == null ? "" : ctx.formParam("event");
        send(ctx, pattern, event, verdict(pattern, event));
    }

    /** What TestEventPattern would answer: matched, not matched, or why the input is invalid. */
    static Map<String, Object> verdict(String pattern, String event) {
        try {
            boolean matches = PatternTester.matches(pattern, event);
            return Map.of("matches", matches, "text", matches ? "The pattern matches this event." : "The pattern does not match this event.");
        } catch (BusException.InvalidEventPattern e) {
            return Map.of("error", "Invalid pattern: " + e.getMessage());
        } catch (BusException.Validation e) {
            return Map.of("error", "Invalid event: " + e.getMessage());
        }
    }

    private void send(Context ctx, String pattern, String event, Map<String, Object> verdict) {
        Map<String, Object> model = pages.model("rules", "Rules");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : bus.buses()) {
            for (LocalRule r : bus.rules(name)) {
                rows.add(Map.of("bus", r.bus(), "name", r.name(), "enabled", r.enabled(),
                        "target", String.join(", ", r.targets().stream().map(Target::id).toList()),
                        "pattern", Json.pretty(r.eventPattern()),
                        "retry", String.join("; ", r.targets().stream().map(t -> t.retryPolicy().maximumRetryAttempts()
                                + " retries within " + t.retryPolicy().maximumEventAge()).toList())));
            }
        }
        model.put("rules", rows);
        model.put("pattern", pattern);
        model.put("event", event);
        if (verdict != null) {
            model.put("verdict", verdict);
        }
        pages.send(ctx, "rules", model);
    }
}
