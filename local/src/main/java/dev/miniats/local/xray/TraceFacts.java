package dev.miniats.local.xray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a filter expression can ask of a trace, computed once per trace: its segments (top-level
 * and nested), the entry segment, and the annotations of all of them. Immutable.
 */
record TraceFacts(String traceId, List<SegmentDocument> all, SegmentDocument entry, double duration,
                  Map<String, Object> annotations) {

    static TraceFacts of(Traces.Trace trace) {
        return of(trace.id(), trace.segments(), trace.root(), trace.end() - trace.start());
    }

    static TraceFacts of(String traceId, List<SegmentDocument> segments, SegmentDocument entry, double duration) {
        List<SegmentDocument> all = new ArrayList<>();
        segments.forEach(s -> flatten(s, all));
        Map<String, Object> annotations = new HashMap<>();
        all.forEach(s -> {
            if (s.annotations() != null) {
                annotations.putAll(s.annotations());
            }
        });
        return new TraceFacts(traceId, List.copyOf(all), entry, duration, Map.copyOf(annotations));
    }

    private static void flatten(SegmentDocument s, List<SegmentDocument> into) {
        into.add(s);
        s.children().forEach(c -> flatten(c, into));
    }

    boolean error() {
        return all.stream().anyMatch(SegmentDocument::isError);
    }

    boolean fault() {
        return all.stream().anyMatch(SegmentDocument::isFault);
    }

    boolean throttle() {
        return all.stream().anyMatch(SegmentDocument::isThrottle);
    }

    boolean partial() {
        return all.stream().anyMatch(s -> Boolean.TRUE.equals(s.inProgress()));
    }

    double responseTime() {
        return entry == null ? 0 : entry.duration();
    }

    /** The segments (and AWS/remote subsegments) of one service, as facts of their own; null when the trace has none. */
    TraceFacts service(String name, String type) {
        List<SegmentDocument> of = all.stream()
                .filter(s -> s.name() != null && s.name().equals(name) && (type == null || type.equals(ServiceGraph.typeOf(s))))
                .toList();
        if (of.isEmpty()) {
            return null;
        }
        SegmentDocument first = of.get(0);
        return new TraceFacts(traceId, of, first, first.duration(), annotations);
    }
}
