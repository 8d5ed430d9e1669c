package dev.miniats.local.lambda;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.functions.HiringFunction;
import dev.miniats.local.lambda.FunctionError;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.lambda.Invocation;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lambda's REST API for the local functions (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html):
 * {@code Invoke} (RequestResponse, Event, DryRun; {@code X-Amz-Function-Error} on failure; {@code LogType=Tail}
 * answers the invocation's own log lines),
 * {@code ListFunctions} and {@code GetFunction}.
 */
public final class LambdaApi implements AwsService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaApi.class);
    static final String PREFIX = "/2015-03-31/functions";
    /** Lambda's payload quotas: 6 MB synchronous, 256 KB asynchronous (event) invocations. */
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    /** {@code LogType=Tail} returns the last 4 KB of the execution log. */
    static final int TAIL_BYTES = 4 * 1024;

    private final FunctionRegistry functions;
    private final ExecutorService async = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "lambda-async");
        t.setDaemon(true);
        return t;
    });

    public LambdaApi(FunctionRegistry functions) {
        this.functions = functions;
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.rest("lambda")
                .post(PREFIX + "/{name}/invocations", this::invoke)
                .get(PREFIX, this::list)
                .get(PREFIX + "/", this::list)
                .get(PREFIX + "/{name}", this::get);
    }

    void invoke(Context ctx) {
        FunctionRegistry registry = functions;
        String name = functionName(ctx.pathParam("name"));
        if (!registry.exists(name)) {
            throw notFound(registry, name);
        }
        String type = ctx.header("X-Amz-Invocation-Type") == null ? "RequestResponse" : ctx.header("X-Amz-Invocation-Type");
        byte[] payload = ctx.bodyAsBytes();
        if (payload.length == 0) {
            payload = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        int limit = "Event".equals(type) ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        if (payload.length > limit) {
            throw new AwsException(413, "RequestTooLargeException",
                    "Request must be smaller than " + limit + " bytes for the " + type + " invocation type");
        }
        try {
            Json.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            throw new AwsException(400, "InvalidRequestContentException", "Could not parse request body into json: " + e.getMessage());
        }
        ctx.header("X-Amz-Executed-Version", "$LATEST");
        switch (type) {
            case "DryRun" -> ctx.status(204);
            case "Event" -> {
                byte[] event = payload;
                async.execute(() -> {
                    try {
                        registry.invoke(name, event);
                    } catch (FunctionError e) {
                        LOG.debug("asynchronous invocation of {} failed: {}", name, e.getMessage());
                    }
                });
                ctx.status(202);
            }
            case "RequestResponse" -> invokeSynchronously(ctx, registry, name, payload);
            default -> throw new AwsException(400, "InvalidParameterValueException",
                    "X-Amz-Invocation-Type is '" + type + "'; expected RequestResponse, Event or DryRun");
        }
    }

    private static void invokeSynchronously(Context ctx, FunctionRegistry registry, String name, byte[] payload) {
        AtomicReference<Invocation> finished = new AtomicReference<>();
        try {
            byte[] output = registry.invoke(name, payload, null, finished::set);
            ctx.status(200).contentType("application/json").result(output);
        } catch (FunctionError e) {
            // Lambda answers 200 for a function error and says so in a header
            // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html).
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.put("errorMessage", e.getMessage());
            error.put("errorType", e.errorType());
            error.putArray("stackTrace");
            ctx.status(200).header("X-Amz-Function-Error", "Unhandled");
            Json.answer(ctx, "application/json", error);
        }
        Invocation invocation = finished.get();
        if (invocation != null) {
            ctx.header("x-amzn-RequestId", invocation.requestId());
            if ("Tail".equals(ctx.header("X-Amz-Log-Type"))) {
                ctx.header("X-Amz-Log-Result", tail(invocation));
            }
        }
    }

    /** The last 4 KB of the invocation's log as CloudWatch shows it, base64-encoded, as Lambda's LogResult. */
    static String tail(Invocation invocation) {
        byte[] log = (String.join("\n", invocation.cloudWatchLines()) + "\n").getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, log.length - TAIL_BYTES);
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(log, from, log.length));
    }

    void list(Context ctx) {
        FunctionRegistry registry = functions;
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("Functions");
        for (String name : registry.names()) {
            list.add(configuration(registry, name));
        }
        Json.answer(ctx, "application/json", answer);
    }

    void get(Context ctx) {
        FunctionRegistry registry = functions;
        String name = functionName(ctx.pathParam("name"));
        if (!registry.exists(name)) {
            throw notFound(registry, name);
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("Configuration", configuration(registry, name));
        Json.answer(ctx, "application/json", answer);
    }

    private static ObjectNode configuration(FunctionRegistry registry, String name) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("FunctionName", name);
        f.put("FunctionArn", registry.arn(name));
        f.put("Runtime", "java21");
        registry.describe(name).map(HiringFunction::handler).ifPresent(h -> f.put("Handler", h));
        registry.describe(name).map(HiringFunction::description).ifPresent(d -> f.put("Description", d));
        f.put("MemorySize", FunctionRegistry.MEMORY_MB);
        f.put("Timeout", FunctionRegistry.TIMEOUT_MILLIS / 1000);
        f.put("PackageType", "Zip");
        f.put("Version", "$LATEST");
        f.putObject("TracingConfig").put("Mode", "Active");
        f.putArray("Architectures").add("arm64");
        return f;
    }

    /** Accepts a name, a full ARN or a partial ARN ({@code 000000000000:function:name}), with or without a qualifier. */
    static String functionName(String raw) {
        String name = raw;
        int function = name.indexOf("function:");
        if (function >= 0) {
            name = name.substring(function + "function:".length());
        }
        int qualifier = name.indexOf(':');
        return qualifier >= 0 ? name.substring(0, qualifier) : name;
    }

    private static AwsException notFound(FunctionRegistry registry, String name) {
        return new AwsException(404, "ResourceNotFoundException", "Function not found: " + registry.arn(name));
    }


    @Override
    public void close() {
        async.shutdownNow();
    }
}
