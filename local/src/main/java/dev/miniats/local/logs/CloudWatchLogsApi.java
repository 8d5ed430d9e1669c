package dev.miniats.local.logs;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.JsonRouter;
import dev.miniats.local.lambda.InvocationStore;
import dev.miniats.local.logs.LogGroupEvents.LogEvent;
import dev.miniats.local.logs.LogsModel.DescribeLogGroupsRequest;
import dev.miniats.local.logs.LogsModel.DescribeLogGroupsResponse;
import dev.miniats.local.logs.LogsModel.DescribeLogStreamsRequest;
import dev.miniats.local.logs.LogsModel.DescribeLogStreamsResponse;
import dev.miniats.local.logs.LogsModel.FilterLogEventsRequest;
import dev.miniats.local.logs.LogsModel.FilterLogEventsResponse;
import dev.miniats.local.logs.LogsModel.FilteredLogEvent;
import dev.miniats.local.logs.LogsModel.GetLogEventsRequest;
import dev.miniats.local.logs.LogsModel.GetLogEventsResponse;
import dev.miniats.local.logs.LogsModel.GroupRequest;
import dev.miniats.local.logs.LogsModel.LogGroup;
import dev.miniats.local.logs.LogsModel.LogStream;
import dev.miniats.local.logs.LogsModel.OutputLogEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch Logs reads people run against Lambda's logs, over the invocations this runtime
 * records (JSON 1.1, {@code X-Amz-Target: Logs_20140328.*}): DescribeLogGroups,
 * DescribeLogStreams, FilterLogEvents (what {@code aws logs tail} uses) with filter patterns in
 * full ({@link FilterPattern}), GetLogEvents, and Logs Insights' StartQuery, GetQueryResults and
 * StopQuery ({@link InsightsQueries}).
 *
 * <p>Each function's log group is {@code /aws/lambda/<function>}, with one stream per UTC day named
 * as Lambda names them ({@code 2026/11/27/[$LATEST]<32 hex>}). Thread-safe.
 */
public final class CloudWatchLogsApi implements AwsService {
    static final String TARGET_PREFIX = "Logs_20140328.";
    private static final int MAX_EVENTS = 10_000;

    private final LogGroupEvents events;
    private final Arns arns;
    private final InsightsQueries insights;

    public CloudWatchLogsApi(InvocationStore invocations, String region, String account) {
        this.events = new LogGroupEvents(invocations);
        this.arns = new Arns(region, account);
        this.insights = new InsightsQueries(events);
    }

    @Override
    public void register(AwsRoutes routes) {
        JsonRouter router = new JsonRouter("logs", TARGET_PREFIX)
                .on("DescribeLogGroups", DescribeLogGroupsRequest.class, (request, call) -> describeLogGroups(request))
                .on("DescribeLogStreams", DescribeLogStreamsRequest.class, (request, call) -> describeLogStreams(request))
                .on("FilterLogEvents", FilterLogEventsRequest.class, (request, call) -> filterLogEvents(request))
                .on("GetLogEvents", GetLogEventsRequest.class, (request, call) -> getLogEvents(request));
        insights.registerOn(router, this::function);
        routes.json(router);
    }

    private DescribeLogGroupsResponse describeLogGroups(DescribeLogGroupsRequest request) {
        String prefix = request.logGroupNamePrefix();
        int limit = (int) bounded("limit", request.limit(), 50, 1, 50);
        List<LogGroup> groups = new ArrayList<>();
        for (String function : events.functions()) {
            String name = LogGroupEvents.GROUP_PREFIX + function;
            if ((prefix == null || name.startsWith(prefix)) && groups.size() < limit) {
                String arn = arns.logGroup(name);
                groups.add(new LogGroup(name, events.firstInvocationMillis(function), 0, arn + ":*", arn, 0));
            }
        }
        return new DescribeLogGroupsResponse(groups, null);
    }

    private DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
        String function = function(request);
        String prefix = request.logStreamNamePrefix();
        String orderBy = request.orderBy();
        if (orderBy != null && !orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalid("orderBy", orderBy, "LogStreamName or LastEventTime");
        }
        int limit = (int) bounded("limit", request.limit(), 50, 1, 50);
        Map<String, long[]> streams = new LinkedHashMap<>(); // name → first, last event time
        for (LogEvent e : events.all(function)) {
            streams.computeIfAbsent(e.stream(), s -> new long[]{e.timestamp(), e.timestamp()})[1] = e.timestamp();
        }
        Comparator<Map.Entry<String, long[]>> order = "LastEventTime".equals(orderBy)
                ? Comparator.comparingLong(s -> s.getValue()[1]) : Map.Entry.comparingByKey();
        if (Boolean.TRUE.equals(request.descending())) {
            order = order.reversed();
        }
        String groupArn = arns.logGroup(LogGroupEvents.GROUP_PREFIX + function);
        List<LogStream> list = streams.entrySet().stream().filter(s -> prefix == null || s.getKey().startsWith(prefix)).sorted(order)
                .limit(limit)
                .map(s -> new LogStream(s.getKey(), s.getValue()[0], s.getValue()[0], s.getValue()[1], s.getValue()[1],
                        groupArn + ":log-stream:" + s.getKey(), 0))
                .toList();
        return new DescribeLogStreamsResponse(list, null);
    }

    private FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
        String function = function(request);
        long start = bounded("startTime", request.startTime(), 0, 0, Long.MAX_VALUE);
        long end = bounded("endTime", request.endTime(), Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int limit = (int) bounded("limit", request.limit(), MAX_EVENTS, 1, MAX_EVENTS);
        FilterPattern pattern = FilterPattern.parse(request.filterPattern());
        List<String> streams = request.logStreamNames() == null ? List.of() : request.logStreamNames();
        String streamPrefix = request.logStreamNamePrefix();
        long[] after = token(request.nextToken());
        List<LogEvent> found = new ArrayList<>();
        String[] nextToken = {null};
        // re-read the invocation the token points into; one that started up to its longest run before startTime can still log after it
        events.forEachInvocation(function, Math.max(0, start - LogGroupEvents.MAX_RUN_MILLIS), end, after[0] - 1, invocation -> {
            for (LogEvent e : LogGroupEvents.events(invocation)) {
                boolean seen = e.seq() < after[0] || (e.seq() == after[0] && e.index() <= after[1]);
                if (seen || e.timestamp() < start || e.timestamp() > end || (!streams.isEmpty() && !streams.contains(e.stream()))
                        || (streamPrefix != null && !e.stream().startsWith(streamPrefix)) || !pattern.matches(e.message())) {
                    continue;
                }
                if (found.size() == limit) {
                    LogEvent last = found.get(limit - 1);
                    nextToken[0] = last.seq() + ":" + last.index();
                    return false;
                }
                found.add(e);
            }
            return true;
        });
        List<FilteredLogEvent> answer = found.stream()
                .map(e -> new FilteredLogEvent(e.stream(), e.timestamp(), e.message(), e.timestamp(), e.eventId())).toList();
        return new FilterLogEventsResponse(answer, List.of(), nextToken[0]);
    }

    private GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
        String function = function(request);
        String stream = request.logStreamName();
        if (stream == null || stream.isBlank()) {
            throw invalid("logStreamName", stream, "the name of one of the log group's streams");
        }
        long start = bounded("startTime", request.startTime(), 0, 0, Long.MAX_VALUE);
        long end = bounded("endTime", request.endTime(), Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int limit = (int) bounded("limit", request.limit(), MAX_EVENTS, 1, MAX_EVENTS);
        List<LogEvent> all = events.all(function).stream().filter(e -> e.stream().equals(stream)).toList();
        if (all.isEmpty()) {
            throw new AwsException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
        }
        List<LogEvent> inRange = all.stream().filter(e -> e.timestamp() >= start && e.timestamp() <= end).toList();
        String token = request.nextToken();
        boolean backward = token != null && token.startsWith("b/");
        int from;
        if (token == null) {
            from = Boolean.TRUE.equals(request.startFromHead()) ? 0 : Math.max(0, inRange.size() - limit);
        } else if (token.matches("[fb]/\\d{1,9}")) {
            // a backward token means "older than what you have": everything older was already sent
            from = backward ? inRange.size() : Math.min(Integer.parseInt(token.substring(2)), inRange.size());
        } else {
            throw invalid("nextToken", token, "a token from an earlier GetLogEvents answer");
        }
        List<LogEvent> page = backward ? List.of() : inRange.subList(from, Math.min(inRange.size(), from + limit));
        // the same forward token once nothing is left, which is how SDKs and the CLI know to stop
        String forward = "f/" + (backward ? token.substring(2) : String.valueOf(from + page.size()));
        return new GetLogEventsResponse(page.stream().map(e -> new OutputLogEvent(e.timestamp(), e.message(), e.timestamp())).toList(),
                forward, "b/" + from);
    }

    /** The function a request's log group names; a group no invocation has written does not exist. */
    String function(GroupRequest request) {
        return function(request.logGroupName(), request.logGroupIdentifier());
    }

    String function(String group, String identifier) {
        if (group == null && identifier != null) {
            int at = identifier.indexOf(":log-group:");
            group = at >= 0 ? identifier.substring(at + ":log-group:".length()).replaceFirst(":\\*$", "") : identifier;
        }
        if (group == null || group.isBlank()) {
            throw invalid("logGroupName", group, "a log group such as /aws/lambda/send-assessment");
        }
        String prefix = LogGroupEvents.GROUP_PREFIX;
        if (!group.startsWith(prefix) || !events.functions().contains(group.substring(prefix.length()))) {
            throw new AwsException(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        return group.substring(prefix.length());
    }

    private static long bounded(String field, Number value, long absent, long min, long max) {
        if (value == null) {
            return absent;
        }
        if (value.longValue() < min || value.longValue() > max) {
            throw invalid(field, value.toString(), "a whole number from " + min + " to " + max);
        }
        return value.longValue();
    }

    /** A FilterLogEvents token: "seq:index" of the last event already returned; none means from the start. */
    private static long[] token(String token) {
        if (token == null) {
            return new long[]{0, -1};
        }
        if (!token.matches("\\d{1,18}:\\d{1,9}")) {
            throw invalid("nextToken", token, "a token from an earlier FilterLogEvents answer");
        }
        String[] parts = token.split(":");
        return new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    static AwsException invalid(String field, String value, String expected) {
        return new AwsException(400, "InvalidParameterException", field + " is '" + value + "'; expected " + expected);
    }
}
