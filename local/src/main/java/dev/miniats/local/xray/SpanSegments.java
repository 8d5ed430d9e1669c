package dev.miniats.local.xray;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.Json;
import dev.miniats.local.tracing.SpanStore.StoredSpan;
import dev.miniats.local.tracing.TraceIds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runtime's own spans of one trace as X-Ray segment documents, the way the AWS services
 * involved would report them: the bus's put as an {@code AWS::Events} segment (its rule matching
 * a subsegment), each delivery attempt an {@code AWS::Events::Rule} segment, each invocation an
 * {@code AWS::Lambda::Function} segment, and a function's SES call an {@code aws} subsegment of
 * its invocation, as the X-Ray SDK records AWS SDK calls
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-aws).
 * Span ids are the segment ids, so the header's {@code Parent} links both worlds. Stateless.
 */
final class SpanSegments {
    static final String SES_SPAN_PREFIX = "SES ";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Arns arns;

    SpanSegments(Arns arns) {
        this.arns = arns;
    }

    /** Top-level segments (with their subsegments inside), by start time. */
    List<SegmentDocument> segments(List<StoredSpan> spans) {
        if (spans.isEmpty()) {
            return List.of();
        }
        Set<String> ids = spans.stream().map(StoredSpan::spanId).collect(Collectors.toSet());
        Map<String, List<SegmentDocument>> subsegmentsOf = new HashMap<>();
        Map<String, StoredSpan> segmentSpans = new LinkedHashMap<>();
        for (StoredSpan span : spans) {
            if (isSubsegment(span) && span.parentId() != null && ids.contains(span.parentId())) {
                subsegmentsOf.computeIfAbsent(span.parentId(), k -> new ArrayList<>()).add(document(span, null, true));
            } else {
                segmentSpans.put(span.spanId(), span);
            }
        }
        // a subsegment whose parent is itself a subsegment hangs under that parent's segment
        List<SegmentDocument> out = new ArrayList<>();
        for (StoredSpan span : segmentSpans.values()) {
            String parent = span.parentId() != null && ids.contains(span.parentId()) ? span.parentId()
                    : external(span.parentId(), span.traceId());
            out.add(document(span, parent, false).withSubsegments(subsegmentsOf.getOrDefault(span.spanId(), List.of())));
        }
        return out;
    }

    /**
     * A parent id outside the trace's spans: kept when the caller named it (its own segment,
     * sent with PutTraceSegments, may carry it), dropped when it is the placeholder the bus
     * derives from the root for a header without {@code Parent}.
     */
    private static String external(String parentId, String traceId) {
        return parentId == null || parentId.equals(traceId.substring(16)) ? null : parentId;
    }

    private static boolean isSubsegment(StoredSpan span) {
        return span.name().equals("match") || span.name().startsWith(SES_SPAN_PREFIX);
    }

    private SegmentDocument document(StoredSpan span, String parentId, boolean subsegment) {
        Map<String, Object> attributes = attributes(span.attributesJson());
        String name = span.name();
        String origin = null;
        String namespace = null;
        Map<String, Object> aws = new LinkedHashMap<>();
        Map<String, Object> http = null;
        boolean failed = span.status().startsWith("ERROR");
        boolean clientError = false;
        boolean throttled = false;
        if (name.startsWith("put ")) {
            name = name.substring(4);
            origin = "AWS::Events";
            aws.put("operation", "PutEvents");
            aws.put("event_bus_arn", arns.eventBus(name));
            put(aws, "event_id", attributes.get("event.id"));
        } else if (name.startsWith("deliver ")) {
            name = String.valueOf(attributes.getOrDefault("rule", name.substring(8)));
            origin = "AWS::Events::Rule";
            put(aws, "target", attributes.get("target"));
            put(aws, "attempt", attributes.get("attempt"));
            put(aws, "event_id", attributes.get("event.id"));
        } else if (name.startsWith("invoke ")) {
            name = name.substring(7);
            origin = "AWS::Lambda::Function";
            aws.put("function_arn", arns.lambdaFunction(name));
            put(aws, "request_id", attributes.get("faas.invocation_id"));
            throttled = span.status().contains("TooManyRequestsException");
        } else if (name.equals("match")) {
            put(aws, "rules_matched", attributes.get("rules.matched"));
        } else if (name.startsWith(SES_SPAN_PREFIX)) {
            namespace = "aws";
            aws.put("operation", name.substring(SES_SPAN_PREFIX.length()));
            aws.put("region", arns.region());
            name = "SES";
            Object status = attributes.get("http.status");
            if (status instanceof Number n) {
                http = Map.of("request", Map.of("method", String.valueOf(attributes.getOrDefault("http.method", "POST")),
                        "url", String.valueOf(attributes.getOrDefault("http.url", ""))), "response", Map.of("status", n.intValue()));
                clientError = n.intValue() >= 400 && n.intValue() < 500;
                throttled = n.intValue() == 429;
                failed = n.intValue() >= 500;
            }
        }
        return new SegmentDocument(subsegment ? null : TraceIds.xray(span.traceId()), span.spanId(), parentId, name,
                span.startNanos() / 1e9, span.endNanos() / 1e9, null, null, origin, namespace,
                (clientError || throttled) ? Boolean.TRUE : null, failed && !throttled ? Boolean.TRUE : null,
                throttled ? Boolean.TRUE : null, http, aws.isEmpty() ? null : aws, null, null, null, null, null, null, null);
    }

    private static void put(Map<String, Object> aws, String key, Object value) {
        if (value != null) {
            aws.put(key, value);
        }
    }

    private static Map<String, Object> attributes(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            return Map.of(); // a span stored by an older build: its segment just has fewer fields
        }
    }
}
