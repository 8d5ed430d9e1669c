package dev.miniats.local.xray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The service graph of a set of traces, as GetServiceGraph and GetTraceGraph answer it
 * (https://docs.aws.amazon.com/xray/latest/api/API_Service.html): one node per service (name and
 * type: the bus, each rule, each function, SES), an edge from caller to callee for each segment
 * whose parent belongs to another service and for each {@code aws}/{@code remote} subsegment,
 * with counts, errors, faults, throttles and response times. Not thread-safe: build, then read.
 */
public final class ServiceGraph {
    private record Key(String name, String type) {
    }

    private static final class Acc {
        long ok;
        long errors;
        long throttles;
        long faults;
        long total;
        double responseTime;
        double start = Double.MAX_VALUE;
        double end;

        void add(SegmentDocument s) {
            total++;
            responseTime += s.duration();
            if (s.isFault()) {
                faults++;
            } else if (s.isThrottle()) {
                throttles++;
                errors++;
            } else if (s.isError()) {
                errors++;
            } else {
                ok++;
            }
            if (s.startTime() != null) {
                start = Math.min(start, s.startTime());
                end = Math.max(end, s.endTime() == null ? s.startTime() : s.endTime());
            }
        }

        Stats stats() {
            return new Stats(ok, new ErrorStatistics(throttles, errors - throttles, errors), new FaultStatistics(faults, faults),
                    total, responseTime);
        }
    }

    public record ErrorStatistics(long throttleCount, long otherCount, long totalCount) {
    }

    public record FaultStatistics(long otherCount, long totalCount) {
    }

    /** X-Ray's summary statistics; {@code totalResponseTime} in seconds. */
    public record Stats(long okCount, ErrorStatistics errorStatistics, FaultStatistics faultStatistics, long totalCount,
                        double totalResponseTime) {
        /** Errors, throttles and faults per call, 0 to 1. */
        public double failureRate() {
            return totalCount == 0 ? 0 : (double) (errorStatistics.totalCount() + faultStatistics.totalCount()) / totalCount;
        }

        public double averageResponseTime() {
            return totalCount == 0 ? 0 : totalResponseTime / totalCount;
        }
    }

    public record Edge(int referenceId, Double startTime, Double endTime, Stats summaryStatistics, String edgeType) {
    }

    public record Service(int referenceId, String name, List<String> names, boolean root, String accountId, String type,
                          String state, Double startTime, Double endTime, List<Edge> edges, Stats summaryStatistics) {
        public Service {
            names = List.copyOf(names);
            edges = List.copyOf(edges);
        }
    }

    private final String account;
    private final Map<Key, Acc> nodes = new LinkedHashMap<>();
    private final Map<Key, Map<Key, Acc>> edges = new HashMap<>();
    private final java.util.Set<Key> roots = new java.util.HashSet<>();

    public ServiceGraph(String account) {
        this.account = account;
    }

    /** The service type of a segment: its origin; {@code AWS::<name>} for an AWS SDK call, {@code remote} for another. */
    static String typeOf(SegmentDocument s) {
        if (s.origin() != null) {
            return s.origin();
        }
        if ("aws".equals(s.namespace())) {
            return "AWS::" + s.name();
        }
        return "remote".equals(s.namespace()) ? "remote" : null;
    }

    /** A service's key as {@link Traces.Trace#serviceKeys()} and {@link #keyOf(Service)} write it. */
    static String keyOf(SegmentDocument s) {
        return s.name() + "|" + typeOf(s);
    }

    public static String keyOf(Service s) {
        return s.name() + "|" + s.type();
    }

    private static Key key(SegmentDocument s) {
        return new Key(s.name(), typeOf(s));
    }

    public ServiceGraph add(Traces.Trace trace) {
        Map<String, Key> owner = new HashMap<>(); // segment or subsegment id → the service it belongs to
        for (SegmentDocument segment : trace.segments()) {
            Key service = key(segment);
            own(segment, service, owner);
        }
        roots.add(key(trace.root()));
        for (SegmentDocument segment : trace.segments()) {
            Key service = key(segment);
            nodes.computeIfAbsent(service, k -> new Acc()).add(segment);
            Key caller = segment.parentId() == null ? null : owner.get(segment.parentId());
            if (caller != null && !caller.equals(service)) {
                edge(caller, service, segment);
            }
            calls(segment, service);
        }
        return this;
    }

    private static void own(SegmentDocument s, Key service, Map<String, Key> owner) {
        owner.put(s.id(), service);
        s.children().forEach(c -> own(c, service, owner));
    }

    /** AWS and remote subsegments: calls from {@code service} to another node. */
    private void calls(SegmentDocument s, Key service) {
        for (SegmentDocument child : s.children()) {
            if ("aws".equals(child.namespace()) || "remote".equals(child.namespace())) {
                Key callee = key(child);
                nodes.computeIfAbsent(callee, k -> new Acc()).add(child);
                edge(service, callee, child);
            }
            calls(child, service);
        }
    }

    private void edge(Key from, Key to, SegmentDocument callee) {
        edges.computeIfAbsent(from, k -> new LinkedHashMap<>()).computeIfAbsent(to, k -> new Acc()).add(callee);
    }

    /** The graph as X-Ray answers it; reference ids are positions in this list. */
    public List<Service> services() {
        List<Key> order = new ArrayList<>(nodes.keySet());
        List<Service> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Key node = order.get(i);
            Acc acc = nodes.get(node);
            List<Edge> links = new ArrayList<>();
            edges.getOrDefault(node, Map.of()).forEach((to, e) -> links.add(new Edge(order.indexOf(to), e.start, e.end, e.stats(),
                    Objects.equals(to.type(), "remote") ? "remote" : null)));
            out.add(new Service(i, node.name(), List.of(node.name()), roots.contains(node), account, node.type(), "active",
                    acc.total == 0 ? null : acc.start, acc.total == 0 ? null : acc.end, links, acc.stats()));
        }
        return out;
    }
}
