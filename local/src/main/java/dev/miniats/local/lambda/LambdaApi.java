package dev.miniats.local.lambda;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.functions.HiringFunction;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.Json;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lambda's REST API (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html): {@code Invoke}
 * (RequestResponse, Event, DryRun; {@code X-Amz-Function-Error} on failure; {@code LogType=Tail}
 * answers the invocation's own log lines; {@code Qualifier}), {@code ListFunctions} and
 * {@code GetFunction} over the built-in and the user functions, and the control plane of user
 * functions ({@link FunctionControlApi}, {@link PolicyApi}). Thread-safe.
 */
public final class LambdaApi implements AwsService, AutoCloseable {
    static final String PREFIX = "/2015-03-31/functions";
    /** Lambda's payload quotas: 6 MB synchronous, 256 KB asynchronous (event) invocations. */
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    /** {@code LogType=Tail} returns the last 4 KB of the execution log. */
    static final int TAIL_BYTES = 4 * 1024;
    static final String JSON = "application/json";

    private final FunctionRegistry functions;
    private final UserFunctions users;
    private final AsyncInvocations async;
    private final FunctionControlApi control;
    private final PolicyApi policies;

    /**
     * @param users              the functions users deploy (and, in their database, the queue of asynchronous invocations)
     * @param timeScale          multiplies the delays between retries of asynchronous invocations
     * @param accountConcurrency the most a function's reserved concurrency may be
     */
    public LambdaApi(FunctionRegistry functions, UserFunctions users, double timeScale, int accountConcurrency) {
        this(functions, users, AsyncDestinations.none(), timeScale, accountConcurrency);
    }

    /** @param destinations the SQS queues and event buses asynchronous invocations report to */
    public LambdaApi(FunctionRegistry functions, UserFunctions users, AsyncDestinations destinations, double timeScale,
                     int accountConcurrency) {
        this.functions = functions;
        this.users = users;
        this.async = new AsyncInvocations(functions, new AsyncQueueStore(users.store().database()), users.eventInvokeConfigs(),
                destinations, users.clock(), timeScale);
        this.control = new FunctionControlApi(users, functions, accountConcurrency);
        this.policies = new PolicyApi(users);
    }

    /** An error as Lambda's runtimes report it, in the invoke answer. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record InvokeError(String errorMessage, String errorType, List<String> stackTrace) {
    }

    @Override
    public void register(AwsRoutes routes) {
        AwsRoutes.Rest rest = routes.rest("lambda")
                .post(PREFIX + "/{name}/invocations", this::invoke)
                .get(PREFIX, this::list)
                .get(PREFIX + "/", this::list)
                .get(PREFIX + "/{name}", this::get)
                .get(PREFIX + "/{name}/configuration", this::getConfiguration);
        control.register(rest, routes);
        policies.register(rest);
        new EventInvokeConfigApi(users.eventInvokeConfigs(), functions, users.clock()).register(rest);
        new FunctionUrlApi(users.urls(), functions).register(rest, routes);
    }

    void invoke(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        requireExists(target.name());
        String type = ctx.header("X-Amz-Invocation-Type") == null ? "RequestResponse" : ctx.header("X-Amz-Invocation-Type");
        byte[] payload = ctx.bodyAsBytes();
        if (payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
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
        ctx.header("X-Amz-Executed-Version", executedVersion(target));
        switch (type) {
            case "DryRun" -> ctx.status(204);
            case "Event" -> {
                async.submit(target.name(), target.qualifier(), payload, ctx.header("X-Amzn-Trace-Id"));
                ctx.status(202);
            }
            case "RequestResponse" -> invokeSynchronously(ctx, target, payload);
            default -> throw new AwsException(400, "InvalidParameterValueException",
                    "X-Amz-Invocation-Type is '" + type + "'; expected RequestResponse, Event or DryRun");
        }
    }

    private String executedVersion(FunctionName target) {
        if (users.exists(target.name())) {
            return users.resolve(target.name(), target.qualifier()).version();
        }
        return FunctionConfiguration.LATEST;
    }

    private void invokeSynchronously(Context ctx, FunctionName target, byte[] payload) {
        AtomicReference<Invocation> finished = new AtomicReference<>();
        try {
            byte[] output = functions.invoke(target.name(), target.qualifier(), payload, ctx.header("X-Amzn-Trace-Id"), finished::set);
            ctx.status(200).contentType(JSON).result(output == null ? new byte[0] : output);
        } catch (FunctionError e) {
            if ("TooManyRequestsException".equals(e.errorType())) {
                throw LambdaErrors.throttled(e.getMessage());
            }
            if ("ResourceNotFoundException".equals(e.errorType())) {
                throw LambdaErrors.notFound(e.getMessage());
            }
            // Lambda answers 200 for a function error and says so in a header
            // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html).
            ctx.status(200).header("X-Amz-Function-Error", "Unhandled");
            byte[] document = e.document();
            if (document != null && document.length > 0) {
                ctx.contentType(JSON).result(document);
            } else {
                Json.answer(ctx, JSON, new InvokeError(e.getMessage(), e.errorType(), stackTrace(e)));
            }
        }
        Invocation invocation = finished.get();
        if (invocation != null) {
            ctx.header("x-amzn-RequestId", invocation.requestId());
            if ("Tail".equals(ctx.header("X-Amz-Log-Type"))) {
                ctx.header("X-Amz-Log-Result", tail(invocation));
            }
        }
    }

    private static List<String> stackTrace(FunctionError e) {
        List<String> frames = new ArrayList<>();
        if (e.getCause() != null) {
            Arrays.stream(e.getCause().getStackTrace()).limit(10).forEach(frame -> frames.add(frame.toString()));
        }
        return frames;
    }

    /** The last 4 KB of the invocation's log as CloudWatch shows it, base64-encoded, as Lambda's LogResult. */
    static String tail(Invocation invocation) {
        byte[] log = (String.join("\n", invocation.cloudWatchLines()) + "\n").getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, log.length - TAIL_BYTES);
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(log, from, log.length));
    }

    void list(Context ctx) {
        List<FunctionConfiguration> all = new ArrayList<>();
        for (String name : functions.names()) {
            all.add(configuration(name, null));
        }
        Json.answer(ctx, JSON, new LambdaShapes.ListFunctionsResponse(all, null));
    }

    void get(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        requireExists(target.name());
        FunctionConfiguration configuration = configuration(target.name(), target.qualifier());
        if (functions.isBuiltIn(target.name())) {
            Json.answer(ctx, JSON, new LambdaShapes.GetFunctionResponse(configuration, null, null, null));
            return;
        }
        Json.answer(ctx, JSON, control.getFunction(ctx, configuration));
    }

    void getConfiguration(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        requireExists(target.name());
        Json.answer(ctx, JSON, configuration(target.name(), target.qualifier()));
    }

    private void requireExists(String name) {
        if (!functions.exists(name)) {
            throw LambdaErrors.notFound("Function not found: " + functions.arn(name));
        }
    }

    private FunctionConfiguration configuration(String name, String qualifier) {
        if (!functions.isBuiltIn(name)) {
            return users.resolve(name, qualifier);
        }
        if (qualifier != null && !FunctionConfiguration.LATEST.equals(qualifier)) {
            throw LambdaErrors.notFound("Function not found: " + functions.arn(name) + ":" + qualifier);
        }
        return builtIn(name);
    }

    /** A built-in function as Lambda would describe it: the Java handler of the same name in the {@code functions} jar. */
    private FunctionConfiguration builtIn(String name) {
        var described = functions.describe(name);
        return new FunctionConfiguration(name, functions.arn(name), "java21", null, described.map(HiringFunction::handler).orElse(null),
                null, described.map(HiringFunction::description).orElse(null), (int) (FunctionRegistry.TIMEOUT_MILLIS / 1000),
                FunctionRegistry.MEMORY_MB, null, null, FunctionConfiguration.LATEST, null,
                new FunctionConfiguration.TracingConfig("Active"), null, "Active", null, null, "Successful", "Zip", List.of("arm64"),
                null, null, null);
    }

    @Override
    public void close() {
        async.close();
    }
}
