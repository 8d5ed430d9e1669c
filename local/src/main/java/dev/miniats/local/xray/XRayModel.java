package dev.miniats.local.xray;

import java.util.List;
import java.util.Map;

/**
 * The requests and answers of the X-Ray API (https://docs.aws.amazon.com/xray/latest/api/API_Operations.html),
 * in its UpperCamelCase members; timestamps are epoch seconds, as REST-JSON sends them. Immutable.
 */
final class XRayModel {
    private XRayModel() {
    }

    record GetTraceSummariesRequest(Double startTime, Double endTime, String timeRangeType, Boolean sampling,
                                    String filterExpression, String nextToken) {
    }

    record ServiceId(String name, List<String> names, String accountId, String type) {
    }

    record AnnotationValue(Double numberValue, Boolean booleanValue, String stringValue) {
    }

    record ValueWithServiceIds(AnnotationValue annotationValue, List<ServiceId> serviceIds) {
    }

    record Http(String httpURL, Integer httpStatus, String httpMethod) {
    }

    record TraceSummary(String id, Double startTime, Double duration, Double responseTime, Boolean hasFault, Boolean hasError,
                        Boolean hasThrottle, Boolean isPartial, Http http, Map<String, List<ValueWithServiceIds>> annotations,
                        List<ServiceId> serviceIds, ServiceId entryPoint, Integer revision) {
    }

    record GetTraceSummariesResponse(List<TraceSummary> traceSummaries, Double approximateTime, Long tracesProcessedCount,
                                     String nextToken) {
    }

    record BatchGetTracesRequest(List<String> traceIds, String nextToken) {
    }

    record Segment(String id, String document) {
    }

    record Trace(String id, Double duration, Boolean limitExceeded, List<Segment> segments) {
    }

    record BatchGetTracesResponse(List<Trace> traces, List<String> unprocessedTraceIds, String nextToken) {
    }

    record GetServiceGraphRequest(Double startTime, Double endTime, String groupName, String groupARN, String nextToken) {
    }

    record GetServiceGraphResponse(Double startTime, Double endTime, List<ServiceGraph.Service> services,
                                   Boolean containsOldGroupVersions, String nextToken) {
    }

    record GetTraceGraphRequest(List<String> traceIds, String nextToken) {
    }

    record GetTraceGraphResponse(List<ServiceGraph.Service> services, String nextToken) {
    }

    record PutTraceSegmentsRequest(List<String> traceSegmentDocuments) {
    }

    record UnprocessedTraceSegment(String id, String errorCode, String message) {
    }

    record PutTraceSegmentsResponse(List<UnprocessedTraceSegment> unprocessedTraceSegments) {
    }
}
