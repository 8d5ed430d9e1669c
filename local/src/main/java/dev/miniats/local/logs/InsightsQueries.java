package dev.miniats.local.logs;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.JsonRouter;
import dev.miniats.local.logs.LogsModel.GetQueryResultsResponse;
import dev.miniats.local.logs.LogsModel.QueryIdRequest;
import dev.miniats.local.logs.LogsModel.StartQueryRequest;
import dev.miniats.local.logs.LogsModel.StartQueryResponse;
import dev.miniats.local.logs.LogsModel.StopQueryResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Logs Insights over the functions' log groups: StartQuery runs the query at once (the data is
 * local and small) and keeps its results for GetQueryResults; StopQuery answers that a finished
 * query cannot be stopped. The query language is {@link InsightsQuery}'s subset. Thread-safe:
 * results live in a synchronized, bounded map.
 */
final class InsightsQueries {
    private static final int KEEP = 100;
    private static final int MAX_QUERY_LENGTH = 10_000;

    private final LogGroupEvents events;
    private final Map<String, GetQueryResultsResponse> results = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GetQueryResultsResponse> eldest) {
            return size() > KEEP;
        }
    };

    InsightsQueries(LogGroupEvents events) {
        this.events = events;
    }

    void registerOn(JsonRouter router, BiFunction<String, String, String> functionOfGroup) {
        router.on("StartQuery", StartQueryRequest.class, (request, call) -> start(request, functionOfGroup))
                .on("GetQueryResults", QueryIdRequest.class, (request, call) -> results(request))
                .on("StopQuery", QueryIdRequest.class, (request, call) -> stop(request));
    }

    private StartQueryResponse start(StartQueryRequest request, BiFunction<String, String, String> functionOfGroup) {
        String query = request.queryString();
        if (query == null || query.isBlank() || query.length() > MAX_QUERY_LENGTH) {
            throw CloudWatchLogsApi.invalid("queryString", query, "a Logs Insights query of 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        if (request.startTime() == null || request.endTime() == null || request.startTime() < 0 || request.endTime() < request.startTime()) {
            throw CloudWatchLogsApi.invalid("startTime/endTime", request.startTime() + "/" + request.endTime(),
                    "epoch seconds with startTime not after endTime");
        }
        int limit = request.limit() == null ? 1000 : request.limit();
        if (limit < 1 || limit > 10_000) {
            throw CloudWatchLogsApi.invalid("limit", String.valueOf(limit), "a whole number from 1 to 10000");
        }
        List<String> functions = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        if (request.logGroupName() != null) {
            groups.add(request.logGroupName());
        }
        if (request.logGroupNames() != null) {
            groups.addAll(request.logGroupNames());
        }
        groups.forEach(g -> functions.add(functionOfGroup.apply(g, null)));
        if (request.logGroupIdentifiers() != null) {
            request.logGroupIdentifiers().forEach(id -> functions.add(functionOfGroup.apply(null, id)));
        }
        if (functions.isEmpty()) {
            throw CloudWatchLogsApi.invalid("logGroupNames", "[]", "at least one log group such as /aws/lambda/send-assessment");
        }
        InsightsQuery parsed = InsightsQuery.parse(query);
        List<InsightsQuery.Row> rows = new ArrayList<>();
        long[] bytes = {0};
        for (String function : functions) {
            events.forEachEvent(function, request.startTime() * 1000, request.endTime() * 1000 + 999, e -> {
                bytes[0] += e.message().length();
                rows.add(InsightsQuery.Row.of(e, LogGroupEvents.GROUP_PREFIX + function));
            });
        }
        InsightsQuery.Result result = parsed.run(rows, limit);
        String id = UUID.randomUUID().toString();
        synchronized (results) {
            results.put(id, new GetQueryResultsResponse(result.rows(), new LogsModel.QueryStatistics(result.matched(), rows.size(),
                    bytes[0]), "Complete"));
        }
        return new StartQueryResponse(id);
    }

    private GetQueryResultsResponse results(QueryIdRequest request) {
        synchronized (results) {
            GetQueryResultsResponse answer = results.get(request.queryId());
            if (answer == null) {
                throw unknown(request.queryId());
            }
            return answer;
        }
    }

    private StopQueryResponse stop(QueryIdRequest request) {
        synchronized (results) {
            if (!results.containsKey(request.queryId())) {
                throw unknown(request.queryId());
            }
        }
        return new StopQueryResponse(false); // every query finishes within StartQuery: nothing is left to stop
    }

    private static AwsException unknown(String queryId) {
        return new AwsException(400, "ResourceNotFoundException", "Query " + queryId + " does not exist (the runtime keeps the last "
                + KEEP + " queries' results)");
    }
}
