package dev.miniats.local.console;

import dev.miniats.local.lambda.Invocation;
import dev.miniats.local.lambda.InvocationStore;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions' invocations, newest first, each expanding to its log as CloudWatch Logs shows it
 * (START, the function's lines, END, REPORT). Filters: function, errors only, and one id that may
 * be a candidate's, an event's, a trace's or a request's. Log lines carry user data: the templates
 * only ever escape them.
 */
final class LogsPage {
    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final InvocationStore invocations;

    LogsPage(Pages pages, InvocationStore invocations) {
        this.pages = pages;
        this.invocations = invocations;
    }

    void list(Context ctx) {
        Map<String, Object> model = pages.model("logs", "Function logs");
        model.putAll(rowsModel(ctx));
        String function = param(ctx, "function");
        model.put("functions", invocations.functions().stream()
                .map(f -> Map.<String, Object>of("value", f, "selected", f.equals(function))).toList());
        pages.send(ctx, "logs", model);
    }

    /** Just the live list, re-fetched by htmx when the feed says something changed. */
    void rows(Context ctx) {
        pages.send(ctx, "logs-rows", rowsModel(ctx));
    }

    /** One invocation's log, fetched when its row is expanded. */
    void lines(Context ctx) {
        Invocation invocation = invocations.byRequestId(ctx.pathParam("requestId"))
                .orElseThrow(() -> new Console.NotFound("No invocation with request id " + ctx.pathParam("requestId")));
        pages.send(ctx, "log-lines", Map.of("requestId", invocation.requestId(), "cloudWatch", lines(invocation)));
    }

    private Map<String, Object> rowsModel(Context ctx) {
        String function = param(ctx, "function");
        String requestId = param(ctx, "requestId");
        String q = param(ctx, "q");
        boolean errors = "true".equals(param(ctx, "errors"));
        long before = Pages.number(ctx, "before", Long.MAX_VALUE);
        List<Invocation> found = invocations.find(new InvocationStore.Filter(function, requestId, errors, q, before, PAGE_SIZE));
        // One invocation asked for by request id (a link from a trace or a candidate) opens expanded.
        boolean open = !requestId.isEmpty() && found.size() == 1;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Invocation i : found) {
            rows.add(row(i, open));
        }
        String filter = "function=" + PipelinePages.encode(function) + "&requestId=" + PipelinePages.encode(requestId)
                + "&q=" + PipelinePages.encode(q) + (errors ? "&errors=true" : "");
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("empty", rows.isEmpty());
        model.put("function", function);
        model.put("requestId", requestId);
        model.put("q", q);
        model.put("errors", errors);
        model.put("live", before == Long.MAX_VALUE);
        model.put("self", "/console/logs/rows?" + filter);
        if (found.size() == PAGE_SIZE) {
            model.put("older", "/console/logs?" + filter + "&before=" + found.get(found.size() - 1).seq());
        }
        return model;
    }

    private static Map<String, Object> row(Invocation i, boolean open) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", i.requestId());
        m.put("function", i.function());
        m.put("status", i.status());
        m.put("error", i.failed());
        m.put("errorType", i.errorType());
        m.put("errorMessage", i.errorMessage());
        m.put("time", Pages.time(i.startedAtMillis()));
        m.put("duration", String.format(Locale.ROOT, "%.2f", i.durationMs()));
        m.put("billed", i.billedDurationMs());
        m.put("open", open);
        m.put("linesHref", "/console/logs/" + PipelinePages.encode(i.requestId()) + "/lines");
        m.put("permalink", "/console/logs?requestId=" + PipelinePages.encode(i.requestId()));
        if (open) {
            m.put("cloudWatch", lines(i));
        }
        if (i.traceId() != null) {
            m.put("traceHref", "/console/traces/" + i.traceId());
        }
        if (i.candidateId() != null) {
            m.put("candidateId", i.candidateId());
            m.put("candidateHref", "/console/candidates/" + PipelinePages.encode(i.candidateId()));
        }
        if (i.eventId() != null) {
            m.put("eventHref", "/console/events/" + PipelinePages.encode(i.eventId()));
        }
        return m;
    }

    /** The CloudWatch lines, each marked as the runtime's (START/END/REPORT) or the function's own. */
    private static List<Map<String, Object>> lines(Invocation i) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : i.cloudWatchLines()) {
            boolean runtime = line.startsWith("START RequestId: ") || line.startsWith("END RequestId: ")
                    || line.startsWith("REPORT RequestId: ");
            out.add(Map.of("text", line, "runtime", runtime, "structured", line.startsWith("{")));
        }
        return out;
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }
}
