package dev.miniats.local.lambda;

import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.Json;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.List;

/**
 * Lambda's asynchronous-invocation configuration operations (REST-JSON, API version 2019-09-25):
 * {@code PutFunctionEventInvokeConfig} (replaces), {@code UpdateFunctionEventInvokeConfig} (merges),
 * {@code GetFunctionEventInvokeConfig}, {@code DeleteFunctionEventInvokeConfig},
 * {@code ListFunctionEventInvokeConfigs} (one page: a function has at most one per version and alias)
 * (https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html). Thread-safe.
 */
final class EventInvokeConfigApi {
    private static final String PREFIX = "/2019-09-25/functions/{name}/event-invoke-config";

    private final EventInvokeConfigStore store;
    private final FunctionRegistry functions;
    private final Clock clock;

    EventInvokeConfigApi(EventInvokeConfigStore store, FunctionRegistry functions, Clock clock) {
        this.store = store;
        this.functions = functions;
        this.clock = clock;
    }

    /** {@code FunctionEventInvokeConfigs} as ListFunctionEventInvokeConfigs answers them. */
    record ListResponse(List<EventInvokeConfig> functionEventInvokeConfigs, String nextMarker) {
    }

    void register(AwsRoutes.Rest rest) {
        rest.put(PREFIX, this::put)
                .post(PREFIX, this::update)
                .get(PREFIX, this::get)
                .delete(PREFIX, this::delete)
                .get(PREFIX + "/list", this::list);
    }

    void put(Context ctx) {
        Target target = target(ctx);
        EventInvokeConfig config = Json.body(ctx, EventInvokeConfig.class).validated();
        Json.answer(ctx, LambdaApi.JSON, save(target, config));
    }

    void update(Context ctx) {
        Target target = target(ctx);
        EventInvokeConfig update = Json.body(ctx, EventInvokeConfig.class).validated();
        EventInvokeConfig old = store.get(target.name(), target.qualifier()).orElseThrow(() -> missing(target));
        Json.answer(ctx, LambdaApi.JSON, save(target, old.merge(update)));
    }

    void get(Context ctx) {
        Target target = target(ctx);
        Json.answer(ctx, LambdaApi.JSON, store.get(target.name(), target.qualifier()).orElseThrow(() -> missing(target)));
    }

    void delete(Context ctx) {
        Target target = target(ctx);
        if (!store.delete(target.name(), target.qualifier())) {
            throw missing(target);
        }
        ctx.status(204);
    }

    void list(Context ctx) {
        String name = FunctionName.parse(ctx.pathParam("name"), null).name();
        requireExists(name);
        Json.answer(ctx, LambdaApi.JSON, new ListResponse(store.all(name), null));
    }

    private EventInvokeConfig save(Target target, EventInvokeConfig config) {
        for (boolean success : new boolean[] {true, false}) {
            String destination = config.destination(success);
            if (destination != null && (destination.equals(target.arn()) || destination.equals(functions.arn(target.name())))) {
                throw LambdaErrors.invalidParameter("You can't specify the function as a destination for itself.");
            }
        }
        EventInvokeConfig stamped = config.stamped(target.arn(), clock.millis() / 1000.0);
        store.put(target.name(), target.qualifier(), stamped);
        return stamped;
    }

    /** The function and qualifier ({@code $LATEST} when none) a request names; ResourceNotFoundException when either is missing. */
    private Target target(Context ctx) {
        FunctionName name = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        requireExists(name.name());
        String qualifier = name.qualifier() == null ? FunctionConfiguration.LATEST : name.qualifier();
        UserFunctions users = functions.userFunctions();
        if (users != null && users.exists(name.name())) {
            users.resolve(name.name(), name.qualifier());
        } else if (!qualifier.equals(FunctionConfiguration.LATEST)) {
            throw LambdaErrors.notFound("Function not found: " + functions.arn(name.name()) + ":" + qualifier);
        }
        return new Target(name.name(), qualifier, functions.arn(name.name()) + ":" + qualifier);
    }

    private void requireExists(String name) {
        if (!functions.exists(name)) {
            throw LambdaErrors.notFound("Function not found: " + functions.arn(name));
        }
    }

    private static dev.miniats.local.aws.AwsException missing(Target target) {
        return LambdaErrors.notFound("The function " + target.arn() + " doesn't have an EventInvokeConfig");
    }

    private record Target(String name, String qualifier, String arn) {
    }
}
