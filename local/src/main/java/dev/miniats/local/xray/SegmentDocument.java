package dev.miniats.local.xray;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * An X-Ray segment or subsegment document, the snake_case JSON X-Ray stores and answers
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html). The fields
 * the runtime reads are typed; {@code cause}, {@code service}, {@code sql}, {@code user} and
 * {@code metadata} are kept as sent. Immutable.
 *
 * @param type        {@code subsegment} for a subsegment sent on its own; null for a segment
 * @param namespace   {@code aws} for an AWS SDK call, {@code remote} for another downstream call
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SegmentDocument(String traceId, String id, String parentId, String name, Double startTime, Double endTime,
                              Boolean inProgress, String type, String origin, String namespace, Boolean error, Boolean fault,
                              Boolean throttle, Map<String, Object> http, Map<String, Object> aws, Map<String, Object> annotations,
                              JsonNode metadata, JsonNode cause, JsonNode service, JsonNode sql, String user,
                              List<SegmentDocument> subsegments) {
    public SegmentDocument {
        subsegments = subsegments == null ? null : List.copyOf(subsegments);
    }

    boolean isError() {
        return Boolean.TRUE.equals(error);
    }

    boolean isFault() {
        return Boolean.TRUE.equals(fault);
    }

    boolean isThrottle() {
        return Boolean.TRUE.equals(throttle);
    }

    double duration() {
        return startTime == null || endTime == null ? 0 : Math.max(0, endTime - startTime);
    }

    /** The HTTP response status, or null. */
    Integer httpStatus() {
        Object response = http == null ? null : http.get("response");
        Object status = response instanceof Map<?, ?> map ? map.get("status") : null;
        return status instanceof Number n ? n.intValue() : null;
    }

    String httpRequestField(String field) {
        Object request = http == null ? null : http.get("request");
        Object value = request instanceof Map<?, ?> map ? map.get(field) : null;
        return value == null ? null : value.toString();
    }

    List<SegmentDocument> children() {
        return subsegments == null ? List.of() : subsegments;
    }

    /** This document with {@code more} appended to its subsegments. */
    SegmentDocument withSubsegments(List<SegmentDocument> more) {
        List<SegmentDocument> all = new java.util.ArrayList<>(children());
        all.addAll(more);
        return new SegmentDocument(traceId, id, parentId, name, startTime, endTime, inProgress, type, origin, namespace, error, fault,
                throttle, http, aws, annotations, metadata, cause, service, sql, user, all);
    }
}
