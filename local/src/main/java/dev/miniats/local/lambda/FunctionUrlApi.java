package dev.miniats.local.lambda;

import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Lambda's function URL operations (REST-JSON, API version 2021-10-31):
 * {@code CreateFunctionUrlConfig}, {@code GetFunctionUrlConfig}, {@code UpdateFunctionUrlConfig},
 * {@code DeleteFunctionUrlConfig} and {@code ListFunctionUrlConfigs}
 * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunctionUrlConfig.html), and the URLs
 * themselves, served by {@link FunctionUrlEndpoint}. Thread-safe.
 */
final class FunctionUrlApi {
    private static final String PREFIX = "/2021-10-31/functions/{name}";

    private final FunctionUrls urls;
    private final FunctionUrlEndpoint endpoint;

    FunctionUrlApi(FunctionUrls urls, FunctionRegistry functions) {
        this.urls = urls;
        this.endpoint = new FunctionUrlEndpoint(urls, functions);
    }

    void register(AwsRoutes.Rest rest, AwsRoutes routes) {
        rest.post(PREFIX + "/url", this::create)
                .get(PREFIX + "/url", this::get)
                .put(PREFIX + "/url", this::update)
                .delete(PREFIX + "/url", this::delete)
                .get(PREFIX + "/urls", this::list);
        for (HandlerType method : new HandlerType[]{HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS}) {
            routes.http().addHttpHandler(method, FunctionUrls.PATH + "{id}", endpoint::serve);
            routes.http().addHttpHandler(method, FunctionUrls.PATH + "{id}/<path>", endpoint::serve);
        }
    }

    private static FunctionName target(Context ctx) {
        return FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
    }

    void create(Context ctx) {
        FunctionName target = target(ctx);
        LambdaShapes.FunctionUrlConfig created = urls.create(target.name(), target.qualifier(),
                Json.body(ctx, LambdaShapes.FunctionUrlConfigRequest.class));
        ctx.status(201);
        Json.answer(ctx, LambdaApi.JSON, created);
    }

    void get(Context ctx) {
        FunctionName target = target(ctx);
        Json.answer(ctx, LambdaApi.JSON, urls.get(target.name(), target.qualifier()));
    }

    void update(Context ctx) {
        FunctionName target = target(ctx);
        Json.answer(ctx, LambdaApi.JSON, urls.update(target.name(), target.qualifier(),
                Json.body(ctx, LambdaShapes.FunctionUrlConfigRequest.class)));
    }

    void delete(Context ctx) {
        FunctionName target = target(ctx);
        urls.delete(target.name(), target.qualifier());
        ctx.status(204);
    }

    void list(Context ctx) {
        Json.answer(ctx, LambdaApi.JSON, new LambdaShapes.ListFunctionUrlConfigsResponse(urls.list(target(ctx).name()), null));
    }
}
