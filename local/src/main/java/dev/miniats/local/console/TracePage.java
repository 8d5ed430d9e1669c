package dev.miniats.local.console;

import dev.miniats.local.tracing.TraceIds;
import dev.miniats.local.tracing.SpanStore;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace as a waterfall: put → match → delivery attempts → invocation, each span a bar placed
 * by its start and sized by its duration, with its status and attributes. Ids are X-Ray's
 * ({@code 1-<8 hex>-<24 hex>}) as well as the 32-hex OpenTelemetry form the spans are stored under.
 */
final class TracePage {

    private final Pages pages;
    private final SpanStore spans;

    TracePage(Pages pages, SpanStore spans) {
        this.pages = pages;
        this.spans = spans;
    }

    void show(Context ctx) {
        String id = ctx.pathParam("traceId");
        if (!TraceIds.isHex(id, 32)) {
            throw new Console.NotFound("No trace with id " + id + "; expected 32 hexadecimal digits");
        }
        List<SpanStore.StoredSpan> trace = spans.trace(id);
        Map<String, Object> model = pages.model("events", "Trace " + id);
        model.put("traceId", id);
        model.put("xrayId", TraceIds.xray(id));
        model.put("spans", rows(trace));
        model.put("empty", trace.isEmpty());
        ctx.html(pages.render("trace", model));
    }

    static List<Map<String, Object>> rows(List<SpanStore.StoredSpan> trace) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (trace.isEmpty()) {
            return rows;
        }
        long start = trace.stream().mapToLong(SpanStore.StoredSpan::startNanos).min().orElseThrow();
        long end = trace.stream().mapToLong(SpanStore.StoredSpan::endNanos).max().orElseThrow();
        double total = Math.max(1, end - start);
        Map<String, Integer> depth = new HashMap<>();
        for (SpanStore.StoredSpan span : trace) {
            int level = span.parentId() == null ? 0 : depth.getOrDefault(span.parentId(), -1) + 1;
            depth.put(span.spanId(), level);
            Map<String, Object> row = new HashMap<>();
            row.put("name", span.name());
            row.put("indent", level);
            row.put("offsetMs", String.format(java.util.Locale.ROOT, "%.2f", (span.startNanos() - start) / 1e6));
            row.put("durationMs", String.format(java.util.Locale.ROOT, "%.2f", (span.endNanos() - span.startNanos()) / 1e6));
            // Percentages for the bar; style values are numbers we computed, never user input.
            row.put("left", String.format(java.util.Locale.ROOT, "%.2f", 100 * (span.startNanos() - start) / total));
            row.put("width", String.format(java.util.Locale.ROOT, "%.2f", Math.max(0.5, 100 * (span.endNanos() - span.startNanos()) / total)));
            row.put("error", !"OK".equals(span.status()) && !"UNSET".equals(span.status()));
            row.put("status", span.status());
            row.put("attributes", span.attributesJson());
            // An invocation span names its Lambda request id: link to that invocation's log.
            String requestId = Json.read(span.attributesJson()).path("faas.invocation_id").asText("");
            if (!requestId.isEmpty()) {
                row.put("logsHref", "/console/logs?requestId=" + PipelinePages.encode(requestId));
            }
            rows.add(row);
        }
        return rows;
    }
}
