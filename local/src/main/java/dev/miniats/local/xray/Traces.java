package dev.miniats.local.xray;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.tracing.SpanStore;
import dev.miniats.local.tracing.TraceIds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One view of every trace: the runtime's spans converted to segments, merged with the documents
 * sent to the X-Ray API or daemon. A subsegment sent on its own is placed inside its parent
 * segment, as X-Ray assembles them. Thread-safe (its stores are).
 */
public final class Traces {
    /** The most traces one time-range read looks at. */
    static final int SCAN_LIMIT = 5_000;

    private final SpanStore spans;
    private final SegmentStore received;
    private final SpanSegments converter;

    Traces(SpanStore spans, SegmentStore received, SpanSegments converter) {
        this.spans = spans;
        this.received = received;
        this.converter = converter;
    }

    /** One trace: its id (X-Ray form) and top-level segments by start time, each with the JSON answered for it. */
    public record Trace(String id, List<SegmentDocument> segments) {
        public Trace {
            segments = List.copyOf(segments);
        }

        double start() {
            return segments.stream().mapToDouble(s -> s.startTime() == null ? 0 : s.startTime()).min().orElse(0);
        }

        double end() {
            return segments.stream().mapToDouble(s -> s.endTime() == null ? s.startTime() : s.endTime()).max().orElse(0);
        }

        /** The services (name and type) this trace passes through, its segments' and its AWS calls'. */
        public java.util.Set<String> serviceKeys() {
            java.util.Set<String> out = new LinkedHashSet<>();
            TraceFacts.of(this).all().stream().filter(s -> s.traceId() != null || s.namespace() != null)
                    .forEach(s -> out.add(ServiceGraph.keyOf(s)));
            return out;
        }

        /** The OpenTelemetry form of the id, as the console's waterfall addresses traces. */
        public String otelId() {
            return TraceIds.otel(id);
        }

        /** The entry segment: the earliest one whose parent is not in the trace. */
        SegmentDocument root() {
            Set<String> ids = new LinkedHashSet<>();
            segments.forEach(s -> ids.add(s.id()));
            return segments.stream().filter(s -> s.parentId() == null || !ids.contains(s.parentId())).findFirst()
                    .orElse(segments.get(0));
        }
    }

    /** The trace with this OpenTelemetry id, or null when nothing of it is known. */
    public Trace trace(String traceId) {
        List<SegmentDocument> segments = new ArrayList<>(converter.segments(spans.trace(traceId)));
        List<SegmentDocument> orphans = new ArrayList<>();
        for (String raw : received.trace(traceId)) {
            SegmentDocument doc;
            try {
                doc = Json.MAPPER.readValue(raw, SegmentDocument.class);
            } catch (JsonProcessingException e) {
                continue; // validated when stored; cannot happen unless the table was edited by hand
            }
            if ("subsegment".equals(doc.type())) {
                orphans.add(doc);
            } else {
                segments.add(doc);
            }
        }
        if (segments.isEmpty() && orphans.isEmpty()) {
            return null;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            index.put(segments.get(i).id(), i);
        }
        for (SegmentDocument sub : orphans) {
            Integer at = index.get(sub.parentId());
            SegmentDocument nested = new SegmentDocument(null, sub.id(), null, sub.name(), sub.startTime(), sub.endTime(),
                    sub.inProgress(), null, sub.origin(), sub.namespace(), sub.error(), sub.fault(), sub.throttle(), sub.http(),
                    sub.aws(), sub.annotations(), sub.metadata(), sub.cause(), sub.service(), sub.sql(), sub.user(), sub.subsegments());
            if (at != null) {
                segments.set(at, segments.get(at).withSubsegments(List.of(nested)));
            } else {
                segments.add(sub); // parent not (yet) known: answered as it came, as X-Ray does
            }
        }
        segments.sort(Comparator.comparingDouble(s -> s.startTime() == null ? 0 : s.startTime()));
        return new Trace(TraceIds.xray(traceId), segments);
    }

    /** Traces with a segment starting in {@code [fromSeconds, toSeconds]}, most recent first. */
    public List<Trace> between(double fromSeconds, double toSeconds) {
        Set<String> ids = new LinkedHashSet<>(spans.traceIdsBetween((long) (fromSeconds * 1e9), (long) (toSeconds * 1e9), SCAN_LIMIT));
        ids.addAll(received.traceIdsBetween(fromSeconds, toSeconds, SCAN_LIMIT));
        List<Trace> out = new ArrayList<>();
        for (String id : ids) {
            Trace trace = trace(id);
            if (trace != null) {
                out.add(trace);
            }
        }
        out.sort(Comparator.comparingDouble(Trace::start).reversed());
        return out;
    }
}
