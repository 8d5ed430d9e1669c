package dev.miniats.local.console;

import dev.miniats.local.xray.ServiceGraph;
import dev.miniats.local.xray.Traces;
import dev.miniats.local.xray.XRayService;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service map: the bus, its rules, the functions and SES as nodes, drawn left to right in
 * that order, with an edge per caller → callee carrying its call count, error rate and average
 * latency; each node links to the waterfall of the latest trace through it. Built from the same
 * traces as the X-Ray API's GetServiceGraph, over the last {@code minutes} (15 to 1440).
 * Server-rendered SVG; every name is escaped by the template.
 */
final class ServiceMapPage {
    private static final List<String> COLUMNS = List.of("AWS::Events", "AWS::Events::Rule", "AWS::Lambda::Function");
    private static final int COLUMN_WIDTH = 230;
    private static final int ROW_HEIGHT = 70;
    private static final int NODE_WIDTH = 180;
    private static final int NODE_HEIGHT = 44;

    private final Pages pages;
    private final XRayService xray;
    private final Clock clock;

    ServiceMapPage(Pages pages, XRayService xray, Clock clock) {
        this.pages = pages;
        this.xray = xray;
        this.clock = clock;
    }

    void show(Context ctx) {
        Map<String, Object> model = pages.model("map", "Service map");
        model.putAll(graph(ctx));
        pages.send(ctx, "service-map", model);
    }

    void fragment(Context ctx) {
        pages.send(ctx, "service-map-graph", graph(ctx));
    }

    private Map<String, Object> graph(Context ctx) {
        long minutes = Math.max(15, Math.min(1440, Pages.number(ctx, "minutes", 60)));
        double now = clock.millis() / 1000.0;
        List<Traces.Trace> traces = xray.traces().between(now - minutes * 60, now);
        ServiceGraph graph = new ServiceGraph(null);
        traces.forEach(graph::add);
        List<ServiceGraph.Service> services = graph.services();

        Map<String, String> latestTrace = new HashMap<>(); // service key → otel id of its most recent trace
        for (Traces.Trace trace : traces) {
            trace.serviceKeys().forEach(key -> latestTrace.putIfAbsent(key, trace.otelId()));
        }
        int[] rowsPerColumn = new int[COLUMNS.size() + 1];
        Map<Integer, int[]> position = new HashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (ServiceGraph.Service s : services) {
            int column = s.type() == null ? -1 : COLUMNS.indexOf(s.type()); // List.of refuses indexOf(null)
            column = column < 0 ? COLUMNS.size() : column;
            int x = 20 + column * COLUMN_WIDTH;
            int y = 20 + rowsPerColumn[column]++ * ROW_HEIGHT;
            position.put(s.referenceId(), new int[]{x, y});
            Map<String, Object> node = new HashMap<>();
            node.put("name", s.name());
            node.put("type", s.type() == null ? "service" : s.type());
            node.put("x", x);
            node.put("y", y);
            node.put("textX", x + 10);
            node.put("textY", y + 18);
            node.put("statsY", y + 34);
            node.put("calls", s.summaryStatistics().totalCount());
            node.put("errorRate", percent(s.summaryStatistics().failureRate()));
            node.put("latency", millis(s.summaryStatistics().averageResponseTime()));
            node.put("failing", s.summaryStatistics().failureRate() > 0);
            String trace = latestTrace.get(ServiceGraph.keyOf(s));
            node.put("traceHref", trace == null ? null : "/console/traces/" + trace);
            nodes.add(node);
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (ServiceGraph.Service s : services) {
            for (ServiceGraph.Edge e : s.edges()) {
                int[] from = position.get(s.referenceId());
                int[] to = position.get(e.referenceId());
                Map<String, Object> edge = new HashMap<>();
                edge.put("from", s.name());
                edge.put("to", services.get(e.referenceId()).name());
                edge.put("x1", from[0] + NODE_WIDTH);
                edge.put("y1", from[1] + NODE_HEIGHT / 2);
                edge.put("x2", to[0]);
                edge.put("y2", to[1] + NODE_HEIGHT / 2);
                edge.put("calls", e.summaryStatistics().totalCount());
                edge.put("errorRate", percent(e.summaryStatistics().failureRate()));
                edge.put("latency", millis(e.summaryStatistics().averageResponseTime()));
                edge.put("failing", e.summaryStatistics().failureRate() > 0);
                edges.add(edge);
            }
        }
        int rows = java.util.Arrays.stream(rowsPerColumn).max().orElse(1);
        Map<String, Object> model = new HashMap<>();
        model.put("minutes", minutes);
        model.put("nodes", nodes);
        model.put("edges", edges);
        model.put("empty", nodes.isEmpty());
        model.put("traceCount", traces.size());
        model.put("width", 40 + (COLUMNS.size() + 1) * COLUMN_WIDTH);
        model.put("height", 40 + Math.max(1, rows) * ROW_HEIGHT);
        model.put("windows", List.of(15, 60, 360, 1440).stream()
                .map(m -> Map.of("minutes", m, "label", m < 60 ? m + " min" : m / 60 + " h", "selected", m == minutes)).toList());
        return model;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    private static String millis(double seconds) {
        return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
    }
}
