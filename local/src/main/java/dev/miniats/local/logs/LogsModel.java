package dev.miniats.local.logs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The CloudWatch Logs requests and answers the runtime serves
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_Operations.html),
 * in the service's lowerCamelCase members. Times are epoch milliseconds, except Logs Insights'
 * query window (epoch seconds), as in the API. Immutable.
 */
final class LogsModel {
    private LogsModel() {
    }

    /** A request that names one log group, by name or by ARN ({@code logGroupIdentifier}). */
    interface GroupRequest {
        String logGroupName();

        String logGroupIdentifier();
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DescribeLogGroupsRequest(String logGroupNamePrefix, Integer limit, String nextToken) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LogGroup(String logGroupName, long creationTime, int metricFilterCount, String arn, String logGroupArn, long storedBytes) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DescribeLogGroupsResponse(List<LogGroup> logGroups, String nextToken) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DescribeLogStreamsRequest(String logGroupName, String logGroupIdentifier, String logStreamNamePrefix, String orderBy,
                                     Boolean descending, Integer limit, String nextToken) implements GroupRequest {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LogStream(String logStreamName, long creationTime, long firstEventTimestamp, long lastEventTimestamp,
                     long lastIngestionTime, String arn, long storedBytes) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DescribeLogStreamsResponse(List<LogStream> logStreams, String nextToken) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record FilterLogEventsRequest(String logGroupName, String logGroupIdentifier, List<String> logStreamNames,
                                  String logStreamNamePrefix, Long startTime, Long endTime, String filterPattern, String nextToken,
                                  Integer limit, Boolean interleaved) implements GroupRequest {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record FilteredLogEvent(String logStreamName, long timestamp, String message, long ingestionTime, String eventId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SearchedLogStream(String logStreamName, boolean searchedCompletely) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record FilterLogEventsResponse(List<FilteredLogEvent> events, List<SearchedLogStream> searchedLogStreams, String nextToken) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GetLogEventsRequest(String logGroupName, String logGroupIdentifier, String logStreamName, Long startTime, Long endTime,
                               String nextToken, Integer limit, Boolean startFromHead) implements GroupRequest {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record OutputLogEvent(long timestamp, String message, long ingestionTime) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GetLogEventsResponse(List<OutputLogEvent> events, String nextForwardToken, String nextBackwardToken) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record StartQueryRequest(String logGroupName, List<String> logGroupNames, List<String> logGroupIdentifiers, Long startTime,
                             Long endTime, String queryString, Integer limit) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record StartQueryResponse(String queryId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record QueryIdRequest(String queryId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ResultField(String field, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record QueryStatistics(double recordsMatched, double recordsScanned, double bytesScanned) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GetQueryResultsResponse(List<List<ResultField>> results, QueryStatistics statistics, String status) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record StopQueryResponse(boolean success) {
    }
}
