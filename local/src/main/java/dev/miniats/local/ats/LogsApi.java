package dev.miniats.local.ats;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.QueryStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.lambda.Invocation;
import dev.miniats.local.lambda.InvocationStore;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /_ats/logs}: the functions' invocations, newest first, each with its log lines and
 * the same lines as CloudWatch Logs shows them (START, lines, END, REPORT). Filters:
 * {@code function}, {@code requestId}, {@code errors=true}, {@code q} (a candidate, event, trace
 * or request id); paging with {@code limit} and {@code before} (the previous answer's {@code next}).
 */
final class LogsApi {
    private final InvocationStore invocations;
    private final FunctionRegistry functions;

    LogsApi(InvocationStore invocations, FunctionRegistry functions) {
        this.invocations = invocations;
        this.functions = functions;
    }


    void invocations(Context ctx) {
        String function = ctx.queryParam("function");
        FunctionRegistry registry = functions;
        if (function != null && !function.isBlank() && registry != null && !registry.exists(function.strip())) {
            throw AwsException.validation("Query parameter function is '" + function + "'; expected one of "
                    + new TreeSet<>(registry.names()));
        }
        boolean errors = QueryStrings.bool(ctx, "errors");
        int limit = (int) QueryStrings.number(ctx, "limit", 50, 1, 500);
        long before = QueryStrings.number(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        List<Invocation> found = invocations.find(new InvocationStore.Filter(function, ctx.queryParam("requestId"), errors,
                ctx.queryParam("q"), before, limit));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("invocations");
        found.forEach(i -> list.add(json(i)));
        if (found.size() == limit) {
            body.put("next", found.get(found.size() - 1).seq());
        }
        Json.answer(ctx, "application/json", body);
    }


    private static ObjectNode json(Invocation i) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("seq", i.seq());
        node.put("requestId", i.requestId());
        node.put("function", i.function());
        node.put("logGroup", "/aws/lambda/" + i.function());
        node.put("startedAt", Instant.ofEpochMilli(i.startedAtMillis()).toString());
        node.put("durationMs", Math.round(i.durationMs() * 100) / 100.0);
        node.put("billedDurationMs", i.billedDurationMs());
        node.put("memorySizeMb", i.memoryMb());
        node.put("status", i.status());
        node.put("errorType", i.errorType());
        node.put("errorMessage", i.errorMessage());
        node.put("traceId", i.xrayTraceId());
        node.put("candidateId", i.candidateId());
        node.put("eventId", i.eventId());
        node.put("truncated", i.truncated());
        ArrayNode lines = node.putArray("lines");
        i.lines().forEach(l -> lines.addObject().put("timestamp", Instant.ofEpochMilli(l.timeMillis()).toString())
                .put("message", l.message()));
        ArrayNode cloudWatch = node.putArray("cloudWatch");
        i.cloudWatchLines().forEach(cloudWatch::add);
        return node;
    }
}
