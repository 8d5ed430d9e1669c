package dev.miniats.local.xray;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.tracing.TraceIds;
import dev.miniats.local.xray.XRayModel.AnnotationValue;
import dev.miniats.local.xray.XRayModel.BatchGetTracesRequest;
import dev.miniats.local.xray.XRayModel.BatchGetTracesResponse;
import dev.miniats.local.xray.XRayModel.GetServiceGraphRequest;
import dev.miniats.local.xray.XRayModel.GetServiceGraphResponse;
import dev.miniats.local.xray.XRayModel.GetTraceGraphRequest;
import dev.miniats.local.xray.XRayModel.GetTraceGraphResponse;
import dev.miniats.local.xray.XRayModel.GetTraceSummariesRequest;
import dev.miniats.local.xray.XRayModel.GetTraceSummariesResponse;
import dev.miniats.local.xray.XRayModel.PutTraceSegmentsRequest;
import dev.miniats.local.xray.XRayModel.PutTraceSegmentsResponse;
import dev.miniats.local.xray.XRayModel.ServiceId;
import dev.miniats.local.xray.XRayModel.TraceSummary;
import dev.miniats.local.xray.XRayModel.UnprocessedTraceSegment;
import dev.miniats.local.xray.XRayModel.ValueWithServiceIds;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The X-Ray operations over {@link Traces}: trace summaries with filter expressions, whole traces,
 * service and trace graphs, and receiving segment documents. Errors are X-Ray's:
 * {@code InvalidRequestException} for a bad time range, filter or request, unknown trace ids as
 * {@code UnprocessedTraceIds}, refused documents as {@code UnprocessedTraceSegments}. Thread-safe.
 */
final class XRayApi {
    /** GetTraceSummaries looks at most this far: X-Ray's window for one call. */
    static final double MAX_SUMMARY_WINDOW_SECONDS = 24 * 3600;
    /** X-Ray's limits on one BatchGetTraces / GetTraceGraph call and on one PutTraceSegments call. */
    static final int MAX_TRACE_IDS = 5;
    static final int MAX_DOCUMENTS = 500;
    private static final int PAGE = 100;
    /** X-Ray's default quota on PutTraceSegments (https://docs.aws.amazon.com/general/latest/gr/xray.html). */
    static final int SEGMENTS_PER_SECOND = 2_600;

    private final Traces traces;
    private final SegmentStore received;
    private final String account;
    private final Clock clock;
    private long throttleSecond = -1; // guarded by this
    private int segmentsThisSecond; // guarded by this

    XRayApi(Traces traces, SegmentStore received, String account, Clock clock) {
        this.traces = traces;
        this.received = received;
        this.account = account;
        this.clock = clock;
    }

    GetTraceSummariesResponse getTraceSummaries(GetTraceSummariesRequest request) {
        double[] range = range(request.startTime(), request.endTime(), MAX_SUMMARY_WINDOW_SECONDS);
        if (request.timeRangeType() != null && !List.of("TraceId", "Event", "Service").contains(request.timeRangeType())) {
            throw invalid("TimeRangeType is '" + request.timeRangeType() + "'; expected TraceId, Event or Service");
        }
        FilterExpression filter = FilterExpression.parse(request.filterExpression());
        int from = offset(request.nextToken());
        List<Traces.Trace> all = traces.between(range[0], range[1]);
        List<TraceSummary> matched = new ArrayList<>();
        for (Traces.Trace trace : all) {
            if (filter.matches(TraceFacts.of(trace))) {
                matched.add(summary(trace));
            }
        }
        int to = Math.min(matched.size(), from + PAGE);
        return new GetTraceSummariesResponse(matched.subList(Math.min(from, to), to), now(), (long) all.size(),
                to < matched.size() ? String.valueOf(to) : null);
    }

    private TraceSummary summary(Traces.Trace trace) {
        TraceFacts facts = TraceFacts.of(trace);
        SegmentDocument entry = trace.root();
        Map<String, ServiceId> services = new LinkedHashMap<>();
        Map<String, List<ValueWithServiceIds>> annotations = new LinkedHashMap<>();
        for (SegmentDocument s : facts.all()) {
            String type = ServiceGraph.typeOf(s);
            if (s.traceId() != null || s.namespace() != null) {
                services.putIfAbsent(s.name() + "|" + type, serviceId(s));
            }
            if (s.annotations() != null) {
                s.annotations().forEach((key, value) -> annotations.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new ValueWithServiceIds(annotationValue(value), List.of(serviceId(s)))));
            }
        }
        Integer status = entry.httpStatus();
        XRayModel.Http http = status == null && entry.http() == null ? null
                : new XRayModel.Http(entry.httpRequestField("url"), status, entry.httpRequestField("method"));
        return new TraceSummary(trace.id(), trace.start(), trace.end() - trace.start(), entry.duration(), facts.fault(), facts.error(),
                facts.throttle(), facts.partial(), http, annotations.isEmpty() ? null : annotations, List.copyOf(services.values()),
                serviceId(entry), 1);
    }

    private ServiceId serviceId(SegmentDocument s) {
        return new ServiceId(s.name(), List.of(s.name()), account, ServiceGraph.typeOf(s));
    }

    private static AnnotationValue annotationValue(Object value) {
        if (value instanceof Number n) {
            return new AnnotationValue(n.doubleValue(), null, null);
        }
        if (value instanceof Boolean b) {
            return new AnnotationValue(null, b, null);
        }
        return new AnnotationValue(null, null, String.valueOf(value));
    }

    BatchGetTracesResponse batchGetTraces(BatchGetTracesRequest request) {
        List<XRayModel.Trace> found = new ArrayList<>();
        List<String> unprocessed = new ArrayList<>();
        for (String id : traceIds(request.traceIds())) {
            String otel = TraceIds.otel(id);
            Traces.Trace trace = otel == null ? null : traces.trace(otel);
            if (trace == null) {
                unprocessed.add(id); // X-Ray answers an id it does not know here, not with an error
                continue;
            }
            List<XRayModel.Segment> segments = trace.segments().stream()
                    .map(s -> new XRayModel.Segment(s.id(), SegmentJson.write(s))).toList();
            found.add(new XRayModel.Trace(trace.id(), trace.end() - trace.start(), false, segments));
        }
        return new BatchGetTracesResponse(found, unprocessed, null);
    }

    GetTraceGraphResponse getTraceGraph(GetTraceGraphRequest request) {
        ServiceGraph graph = new ServiceGraph(account);
        for (String id : traceIds(request.traceIds())) {
            String otel = TraceIds.otel(id);
            Traces.Trace trace = otel == null ? null : traces.trace(otel);
            if (trace != null) {
                graph.add(trace);
            }
        }
        return new GetTraceGraphResponse(graph.services(), null);
    }

    GetServiceGraphResponse getServiceGraph(GetServiceGraphRequest request) {
        double[] range = range(request.startTime(), request.endTime(), Double.MAX_VALUE);
        if (request.groupName() != null && !"Default".equals(request.groupName())) {
            throw invalid("GroupName is '" + request.groupName() + "'; the local runtime has only the Default group");
        }
        ServiceGraph graph = new ServiceGraph(account);
        traces.between(range[0], range[1]).forEach(graph::add);
        return new GetServiceGraphResponse(range[0], range[1], graph.services(), false, null);
    }

    PutTraceSegmentsResponse putTraceSegments(PutTraceSegmentsRequest request) {
        List<String> documents = request.traceSegmentDocuments();
        if (documents == null || documents.isEmpty()) {
            throw invalid("TraceSegmentDocuments is required: a list of 1 to " + MAX_DOCUMENTS + " segment documents (JSON strings)");
        }
        if (documents.size() > MAX_DOCUMENTS) {
            throw invalid("TraceSegmentDocuments has " + documents.size() + " documents; expected at most " + MAX_DOCUMENTS);
        }
        admit(documents.size());
        List<SegmentStore.Checked> accepted = new ArrayList<>();
        List<UnprocessedTraceSegment> refused = new ArrayList<>();
        for (String raw : documents) {
            SegmentStore.Checked checked = SegmentStore.check(raw);
            if (checked.ok()) {
                accepted.add(checked);
            } else {
                refused.add(new UnprocessedTraceSegment(checked.id(), checked.errorCode(), checked.message()));
            }
        }
        received.put(accepted);
        return new PutTraceSegmentsResponse(refused);
    }

    /** Counts {@code segments} against the per-second quota; over it, X-Ray's {@code ThrottledException} (retryable). */
    private synchronized void admit(int segments) {
        long second = clock.millis() / 1000;
        if (second != throttleSecond) {
            throttleSecond = second;
            segmentsThisSecond = 0;
        }
        if (segmentsThisSecond + segments > SEGMENTS_PER_SECOND) {
            throw new AwsException(429, "ThrottledException", "Rate exceeded: more than " + SEGMENTS_PER_SECOND
                    + " segments in one second; retry with backoff");
        }
        segmentsThisSecond += segments;
    }

    /** Stores one document received by the daemon; false (and nothing stored) when X-Ray would refuse it. */
    SegmentStore.Checked receive(String document) {
        SegmentStore.Checked checked = SegmentStore.check(document);
        if (checked.ok()) {
            received.put(List.of(checked));
        }
        return checked;
    }

    private static List<String> traceIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw invalid("TraceIds is required: 1 to " + MAX_TRACE_IDS + " trace ids such as 1-5759e988-bd862e3fe1be46a994272793");
        }
        Set<String> distinct = new LinkedHashSet<>(ids);
        if (distinct.size() > MAX_TRACE_IDS) {
            throw invalid("TraceIds has " + distinct.size() + " ids; expected at most " + MAX_TRACE_IDS + " per call");
        }
        return List.copyOf(distinct);
    }

    private static double[] range(Double start, Double end, double maxWindow) {
        if (start == null || end == null) {
            throw invalid("StartTime and EndTime are required (epoch seconds or ISO 8601 times)");
        }
        if (start > end) {
            throw invalid("StartTime " + start + " is after EndTime " + end);
        }
        if (end - start > maxWindow) {
            throw invalid("The time range from StartTime to EndTime is " + Math.round(end - start) + " seconds; expected at most "
                    + Math.round(maxWindow) + " (24 hours) for one call");
        }
        return new double[]{start, end};
    }

    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(token);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("NextToken is '" + token + "'; expected a token from an earlier answer");
    }

    private double now() {
        return clock.millis() / 1000.0;
    }

    static AwsException invalid(String message) {
        return new AwsException(400, "InvalidRequestException", message);
    }
}
