package dev.miniats.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One AWS JSON 1.1 service: {@code POST /} with {@code X-Amz-Target: <prefix><Operation>}
 * (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). Operations are registered by
 * name with their request type; the body is read into that type with {@link Json#MAPPER} and the
 * answer written from the operation's result, so no operation touches raw JSON. Thread-safe
 * once registration is over (services register at start, before the server takes requests).
 */
public final class JsonRouter {
    /** An operation: its typed request and the call's metadata in, its typed answer out. */
    @FunctionalInterface
    public interface Operation<I, O> {
        O apply(I request, AwsRequest call);
    }

    private record Registered<I, O>(Class<I> requestType, Operation<I, O> operation) {
        /** The operation's answer to the request body {@code tree} ({@code {}} for none). */
        Object run(JsonNode tree, AwsRequest call) {
            O answer = operation.apply(Json.read(tree, requestType), call);
            return answer == null ? Map.of() : answer;
        }
    }

    private final String service;
    private final String targetPrefix;
    private final Map<String, Registered<?, ?>> operations = new HashMap<>();
    private final Set<String> lean = new HashSet<>();

    /**
     * @param service      the SigV4 signing name (e.g. {@code events}), for errors and the request mark
     * @param targetPrefix the {@code X-Amz-Target} prefix including its dot (e.g. {@code AWSEvents.})
     */
    public JsonRouter(String service, String targetPrefix) {
        this.service = service;
        this.targetPrefix = targetPrefix;
    }

    public <I, O> JsonRouter on(String operation, Class<I> requestType, Operation<I, O> handler) {
        if (operations.putIfAbsent(operation, new Registered<>(requestType, handler)) != null) {
            throw new IllegalStateException(service + " registers " + operation + " twice");
        }
        return this;
    }

    public String service() {
        return service;
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    /**
     * Serves {@code operation} (registered already) on the {@linkplain LeanJsonPath lean path}, ahead
     * of the web framework's routing and filters: for the hottest operations (PutEvents) only.
     */
    public JsonRouter lean(String operation) {
        if (!operations.containsKey(operation)) {
            throw new IllegalStateException(service + " marks " + operation + " lean before registering it");
        }
        lean.add(operation);
        return this;
    }

    /** The full {@code X-Amz-Target}s of the lean operations. */
    Set<String> leanTargets() {
        Set<String> targets = new TreeSet<>();
        lean.forEach(operation -> targets.add(targetPrefix + operation));
        return targets;
    }

    void handle(Context ctx, String target, AwsRequest call) {
        Protocol.JSON_1_1.mark(ctx, service);
        Object answer = answer(target, ctx.body(), call);
        ctx.header("x-amzn-RequestId", call.requestId());
        Json.answer(ctx, Protocol.JSON_1_1.contentType(), answer);
    }

    /** Runs the operation {@code target} names on {@code body}; its answer ({@code {}} for none). */
    Object answer(String target, String body, AwsRequest call) {
        return registered(target).run(Json.object(body), call);
    }

    /** As {@link #answer(String, String, AwsRequest)}, on the body's UTF-8 bytes (the lean path). */
    Object answer(String target, ByteBuffer body, AwsRequest call) {
        return registered(target).run(Json.object(body), call);
    }

    private Registered<?, ?> registered(String target) {
        String name = target.substring(targetPrefix.length());
        Registered<?, ?> registered = operations.get(name);
        if (registered == null) {
            throw new AwsException(400, "UnknownOperationException", "Operation " + name + " is not supported by the local "
                    + service + " service; it supports " + new TreeSet<>(operations.keySet()));
        }
        return registered;
    }
}
