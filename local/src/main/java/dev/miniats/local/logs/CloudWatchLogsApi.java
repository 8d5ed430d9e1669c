package dev.miniats.local.logs;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.JsonRouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.lambda.Invocation;
import dev.miniats.local.lambda.InvocationStore;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch Logs reads people run against Lambda's logs, over the invocations this runtime
 * records (JSON 1.1, {@code X-Amz-Target: Logs_20140328.*}): DescribeLogGroups,
 * DescribeLogStreams, FilterLogEvents (what {@code aws logs tail} uses) and GetLogEvents.
 *
 * <p>Each function's log group is {@code /aws/lambda/<function>}, with one stream per UTC day named
 * as Lambda names them ({@code 2026/11/27/[$LATEST]<32 hex>}); an invocation reads as CloudWatch
 * shows it: START, the function's lines, END, REPORT. Filter patterns support terms and quoted
 * phrases (all must occur), {@code ?term} (any of) and {@code -term} (none of); JSON and
 * space-delimited patterns are refused with a message rather than matched wrongly.
 */
public final class CloudWatchLogsApi implements AwsService {
    static final String TARGET_PREFIX = "Logs_20140328.";
    private static final String GROUP_PREFIX = "/aws/lambda/";
    private static final int PAGE = 200;
    private static final long MAX_RUN_MILLIS = 15 * 60 * 1000; // Lambda's longest timeout

    private final InvocationStore invocations;
    private final String region;
    private final String account;

    public CloudWatchLogsApi(InvocationStore invocations, String region, String account) {
        this.invocations = invocations;
        this.region = region;
        this.account = account;
    }

    /** One log event: {@code seq} and {@code index} place it (the invocation and its line). */
    private record LogEvent(String stream, long timestamp, String message, long seq, int index) {
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.json(new JsonRouter("logs", TARGET_PREFIX)
                .on("DescribeLogGroups", JsonNode.class, (request, call) -> describeLogGroups(request))
                .on("DescribeLogStreams", JsonNode.class, (request, call) -> describeLogStreams(request))
                .on("FilterLogEvents", JsonNode.class, (request, call) -> filterLogEvents(request))
                .on("GetLogEvents", JsonNode.class, (request, call) -> getLogEvents(request)));
    }


    private ObjectNode describeLogGroups(JsonNode request) {
        String prefix = Json.text(request, "logGroupNamePrefix");
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode groups = answer.putArray("logGroups");
        for (String function : invocations.functions()) {
            String name = GROUP_PREFIX + function;
            if (prefix != null && !name.startsWith(prefix)) {
                continue;
            }
            ObjectNode group = groups.addObject();
            group.put("logGroupName", name);
            group.put("creationTime", invocations.startedBetween(function, 0, Long.MAX_VALUE, 0, 1).stream().findFirst()
                    .map(Invocation::startedAtMillis).orElse(0L));
            group.put("metricFilterCount", 0);
            group.put("arn", groupArn(name) + ":*");
            group.put("logGroupArn", groupArn(name));
            group.put("storedBytes", 0);
        }
        return answer;
    }

    private ObjectNode describeLogStreams(JsonNode request) {
        String function = function(request);
        String prefix = Json.text(request, "logStreamNamePrefix");
        String orderBy = Json.text(request, "orderBy");
        if (orderBy != null && !orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalid("orderBy", orderBy, "LogStreamName or LastEventTime");
        }
        int limit = (int) number(request, "limit", 50, 1, 50);
        Map<String, long[]> streams = new LinkedHashMap<>(); // name → first, last event time
        for (LogEvent e : events(function)) {
            streams.computeIfAbsent(e.stream(), s -> new long[]{e.timestamp(), e.timestamp()})[1] = e.timestamp();
        }
        Comparator<Map.Entry<String, long[]>> order = "LastEventTime".equals(orderBy)
                ? Comparator.comparingLong(s -> s.getValue()[1]) : Map.Entry.comparingByKey();
        if (request.path("descending").asBoolean(false)) {
            order = order.reversed();
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("logStreams");
        streams.entrySet().stream().filter(s -> prefix == null || s.getKey().startsWith(prefix)).sorted(order).limit(limit)
                .forEach(s -> {
                    ObjectNode stream = list.addObject();
                    stream.put("logStreamName", s.getKey());
                    stream.put("creationTime", s.getValue()[0]);
                    stream.put("firstEventTimestamp", s.getValue()[0]);
                    stream.put("lastEventTimestamp", s.getValue()[1]);
                    stream.put("lastIngestionTime", s.getValue()[1]);
                    stream.put("arn", groupArn(GROUP_PREFIX + function) + ":log-stream:" + s.getKey());
                    stream.put("storedBytes", 0);
                });
        return answer;
    }

    private ObjectNode filterLogEvents(JsonNode request) {
        String function = function(request);
        long start = number(request, "startTime", 0, 0, Long.MAX_VALUE);
        long end = number(request, "endTime", Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int limit = (int) number(request, "limit", 10_000, 1, 10_000);
        FilterPattern pattern = FilterPattern.parse(Json.text(request, "filterPattern"));
        List<String> streams = new ArrayList<>();
        request.path("logStreamNames").forEach(n -> streams.add(n.asText()));
        long[] after = token(request, "nextToken");
        List<LogEvent> found = new ArrayList<>();
        String nextToken = null;
        long afterSeq = after[0] - 1; // re-read the invocation the token points into
        page:
        while (true) {
            // an invocation that started up to its longest run before startTime can still log after it
            List<Invocation> page = invocations.startedBetween(function, Math.max(0, start - MAX_RUN_MILLIS), end, afterSeq, PAGE);
            for (Invocation invocation : page) {
                for (LogEvent e : events(invocation)) {
                    boolean seen = e.seq() < after[0] || (e.seq() == after[0] && e.index() <= after[1]);
                    if (seen || e.timestamp() < start || e.timestamp() > end || !pattern.matches(e.message())
                            || (!streams.isEmpty() && !streams.contains(e.stream()))) {
                        continue;
                    }
                    if (found.size() == limit) {
                        nextToken = found.get(limit - 1).seq() + ":" + found.get(limit - 1).index();
                        break page;
                    }
                    found.add(e);
                }
                afterSeq = invocation.seq();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode events = answer.putArray("events");
        found.forEach(e -> event(events, e).put("logStreamName", e.stream())
                .put("eventId", e.seq() + String.format("%05d", e.index())));
        answer.putArray("searchedLogStreams");
        if (nextToken != null) {
            answer.put("nextToken", nextToken);
        }
        return answer;
    }

    private ObjectNode getLogEvents(JsonNode request) {
        String function = function(request);
        String stream = Json.text(request, "logStreamName");
        if (stream == null || stream.isBlank()) {
            throw invalid("logStreamName", stream, "the name of one of the log group's streams");
        }
        long start = number(request, "startTime", 0, 0, Long.MAX_VALUE);
        long end = number(request, "endTime", Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int limit = (int) number(request, "limit", 10_000, 1, 10_000);
        List<LogEvent> all = events(function).stream()
                .filter(e -> e.stream().equals(stream)).toList();
        if (all.isEmpty()) {
            throw new AwsException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
        }
        List<LogEvent> inRange = all.stream().filter(e -> e.timestamp() >= start && e.timestamp() <= end).toList();
        String token = Json.text(request, "nextToken");
        int from;
        if (token == null) {
            boolean fromHead = request.path("startFromHead").asBoolean(false);
            from = fromHead ? 0 : Math.max(0, inRange.size() - limit);
        } else if (token.matches("[fb]/\\d{1,9}")) {
            // a backward token means "older than what you have": everything older was already sent
            from = token.startsWith("b/") ? inRange.size() : Math.min(Integer.parseInt(token.substring(2)), inRange.size());
        } else {
            throw invalid("nextToken", token, "a token from an earlier GetLogEvents answer");
        }
        List<LogEvent> page = token != null && token.startsWith("b/") ? List.of()
                : inRange.subList(from, Math.min(inRange.size(), from + limit));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode events = answer.putArray("events");
        page.forEach(e -> event(events, e));
        // the same forward token once nothing is left, which is how SDKs and the CLI know to stop
        answer.put("nextForwardToken", "f/" + (token != null && token.startsWith("b/") ? token.substring(2) : from + page.size()));
        answer.put("nextBackwardToken", "b/" + from);
        return answer;
    }

    /** Adds {@code e} to {@code events} with the fields every read answers (ingestion is immediate here). */
    private static ObjectNode event(ArrayNode events, LogEvent e) {
        return events.addObject().put("timestamp", e.timestamp()).put("message", e.message()).put("ingestionTime", e.timestamp());
    }

    /** The function a request's log group names; a group no invocation has written does not exist. */
    private String function(JsonNode request) {
        String group = Json.text(request, "logGroupName");
        String identifier = Json.text(request, "logGroupIdentifier");
        if (group == null && identifier != null) {
            int at = identifier.indexOf(":log-group:");
            group = at >= 0 ? identifier.substring(at + ":log-group:".length()).replaceFirst(":\\*$", "") : identifier;
        }
        if (group == null || group.isBlank()) {
            throw invalid("logGroupName", group, "a log group such as /aws/lambda/send-assessment");
        }
        if (!group.startsWith(GROUP_PREFIX) || !invocations.functions().contains(group.substring(GROUP_PREFIX.length()))) {
            throw new AwsException(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        return group.substring(GROUP_PREFIX.length());
    }

    /** Every event of {@code function}'s log group, oldest first (at most the invocations the store keeps). */
    private List<LogEvent> events(String function) {
        List<LogEvent> out = new ArrayList<>();
        List<Invocation> page;
        long afterSeq = 0;
        do {
            page = invocations.startedBetween(function, 0, Long.MAX_VALUE, afterSeq, PAGE);
            for (Invocation invocation : page) {
                out.addAll(events(invocation));
                afterSeq = invocation.seq();
            }
        } while (page.size() == PAGE);
        return out;
    }

    /** START at the start, each line at its time, END and REPORT when the invocation finished. */
    private static List<LogEvent> events(Invocation invocation) {
        List<String> shown = invocation.cloudWatchLines();
        long started = invocation.startedAtMillis();
        List<Invocation.LogLine> lines = invocation.lines();
        // truncated, not rounded up: a rounded-up end could fall after the next invocation's START
        long finished = Math.max(started + (long) invocation.durationMs(),
                lines.isEmpty() ? started : lines.get(lines.size() - 1).timeMillis());
        String stream = invocation.logStream();
        List<LogEvent> out = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            long time;
            if (i == 0) {
                time = started;
            } else if (i >= shown.size() - 2) {
                time = finished;
            } else {
                time = i - 1 < lines.size() ? lines.get(i - 1).timeMillis() : finished;
            }
            out.add(new LogEvent(stream, time, shown.get(i), invocation.seq(), i));
        }
        return out;
    }

    private String groupArn(String group) {
        return "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
    }

    private static long number(JsonNode request, String field, long absent, long min, long max) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw invalid(field, value.toString(), "a whole number from " + min + " to " + max);
        }
        return value.asLong();
    }

    /** A FilterLogEvents token: "seq:index" of the last event already returned; none means from the start. */
    private static long[] token(JsonNode request, String field) {
        String token = Json.text(request, field);
        if (token == null) {
            return new long[]{0, -1};
        }
        if (!token.matches("\\d{1,18}:\\d{1,9}")) {
            throw invalid(field, token, "a token from an earlier FilterLogEvents answer");
        }
        String[] parts = token.split(":");
        return new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private static AwsException invalid(String field, String value, String expected) {
        return new AwsException(400, "InvalidParameterException", field + " is '" + value + "'; expected " + expected);
    }

    /** The subset of CloudWatch's filter pattern syntax for unstructured log events. */
    record FilterPattern(List<String> all, List<String> any, List<String> none) {
        static FilterPattern parse(String pattern) {
            List<String> all = new ArrayList<>();
            List<String> any = new ArrayList<>();
            List<String> none = new ArrayList<>();
            if (pattern == null || pattern.isBlank()) {
                return new FilterPattern(all, any, none);
            }
            String p = pattern.strip();
            if (p.startsWith("{") || p.startsWith("[") || p.startsWith("%")) {
                throw invalid("filterPattern", pattern, "terms, \"quoted phrases\", ?any-of or -none-of terms"
                        + " (JSON, space-delimited and regex patterns are not supported by the local runtime)");
            }
            var token = java.util.regex.Pattern.compile("([?-]?)(\"[^\"]*\"|\\S+)").matcher(p);
            while (token.find()) {
                String term = token.group(2).startsWith("\"") ? token.group(2).substring(1, token.group(2).length() - 1)
                        : token.group(2);
                switch (token.group(1)) {
                    case "?" -> any.add(term);
                    case "-" -> none.add(term);
                    default -> all.add(term);
                }
            }
            return new FilterPattern(all, any, none);
        }

        boolean matches(String message) {
            return all.stream().allMatch(message::contains) && (any.isEmpty() || any.stream().anyMatch(message::contains))
                    && none.stream().noneMatch(message::contains);
        }
    }
}
