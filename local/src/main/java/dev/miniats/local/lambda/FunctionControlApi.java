package dev.miniats.local.lambda;

import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.Json;
import dev.miniats.local.lambda.LambdaShapes.AliasConfiguration;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The control plane of user functions over Lambda's REST-JSON API
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html): CreateFunction,
 * UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction, PublishVersion,
 * ListVersionsByFunction, Create/Update/Get/List/DeleteAlias, Put/Get/DeleteFunctionConcurrency,
 * and the download of a function's code that GetFunction's {@code Code.Location} points at.
 * Thread-safe: it keeps no state of its own.
 */
final class FunctionControlApi {
    static final String CODE_PATH = "/_ats/lambda/code";
    private static final String PREFIX = LambdaApi.PREFIX;
    private static final String JSON = LambdaApi.JSON;

    private final UserFunctions users;
    private final FunctionRegistry functions;
    private final int accountConcurrency;

    FunctionControlApi(UserFunctions users, FunctionRegistry functions, int accountConcurrency) {
        this.users = users;
        this.functions = functions;
        this.accountConcurrency = accountConcurrency;
    }

    void register(AwsRoutes.Rest rest, AwsRoutes routes) {
        rest.post(PREFIX, this::create)
                .post(PREFIX + "/", this::create)
                .delete(PREFIX + "/{name}", this::delete)
                .put(PREFIX + "/{name}/code", this::updateCode)
                .put(PREFIX + "/{name}/configuration", this::updateConfiguration)
                .post(PREFIX + "/{name}/versions", this::publish)
                .get(PREFIX + "/{name}/versions", this::listVersions)
                .post(PREFIX + "/{name}/aliases", this::createAlias)
                .get(PREFIX + "/{name}/aliases", this::listAliases)
                .get(PREFIX + "/{name}/aliases/{alias}", this::getAlias)
                .put(PREFIX + "/{name}/aliases/{alias}", this::updateAlias)
                .delete(PREFIX + "/{name}/aliases/{alias}", this::deleteAlias)
                .put("/2017-10-31/functions/{name}/concurrency", this::putConcurrency)
                .delete("/2017-10-31/functions/{name}/concurrency", this::deleteConcurrency)
                .get("/2019-09-30/functions/{name}/concurrency", this::getConcurrency);
        routes.http().get(CODE_PATH + "/{name}/{file}", this::downloadCode);
    }

    void create(Context ctx) {
        LambdaShapes.CreateFunctionRequest request = CodeUploads.read(ctx, LambdaShapes.CreateFunctionRequest.class, "CreateFunction");
        if (request.functionName() != null && functions.isBuiltIn(request.functionName())) {
            throw LambdaErrors.conflict("Function already exist: " + request.functionName() + " (a function built into mini-ats)");
        }
        answer(ctx, 201, users.create(request));
    }

    void updateCode(Context ctx) {
        String name = userFunction(ctx);
        answer(ctx, 200, users.updateCode(name, CodeUploads.read(ctx, LambdaShapes.UpdateFunctionCodeRequest.class, "UpdateFunctionCode")));
    }

    void updateConfiguration(Context ctx) {
        String name = userFunction(ctx);
        answer(ctx, 200, users.updateConfiguration(name, Json.body(ctx, LambdaShapes.UpdateFunctionConfigurationRequest.class)));
    }

    void delete(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), ctx.queryParam("Qualifier"));
        userFunction(target.name());
        users.delete(target.name(), target.qualifier());
        ctx.status(204);
    }

    void publish(Context ctx) {
        String name = userFunction(ctx);
        answer(ctx, 201, users.publish(name, Json.body(ctx, LambdaShapes.PublishVersionRequest.class)));
    }

    void listVersions(Context ctx) {
        String name = userFunction(ctx);
        answer(ctx, 200, new LambdaShapes.ListVersionsResponse(users.require(name).versionList(), null));
    }

    void createAlias(Context ctx) {
        String name = userFunction(ctx);
        LambdaShapes.CreateAliasRequest r = Json.body(ctx, LambdaShapes.CreateAliasRequest.class);
        answer(ctx, 201, users.putAlias(name, r.name(), r.functionVersion(), r.description(), true, null));
    }

    void updateAlias(Context ctx) {
        String name = userFunction(ctx);
        LambdaShapes.UpdateAliasRequest r = Json.body(ctx, LambdaShapes.UpdateAliasRequest.class);
        answer(ctx, 200, users.putAlias(name, ctx.pathParam("alias"), r.functionVersion(), r.description(), false, r.revisionId()));
    }

    void getAlias(Context ctx) {
        answer(ctx, 200, users.alias(userFunction(ctx), ctx.pathParam("alias")));
    }

    void listAliases(Context ctx) {
        String version = ctx.queryParam("FunctionVersion");
        List<AliasConfiguration> aliases = new ArrayList<>(users.require(userFunction(ctx)).aliases().values().stream()
                .filter(a -> version == null || version.equals(a.functionVersion())).toList());
        aliases.sort(java.util.Comparator.comparing(AliasConfiguration::name));
        answer(ctx, 200, new LambdaShapes.ListAliasesResponse(aliases, null));
    }

    void deleteAlias(Context ctx) {
        users.deleteAlias(userFunction(ctx), ctx.pathParam("alias"));
        ctx.status(204);
    }

    void putConcurrency(Context ctx) {
        String name = userFunction(ctx);
        LambdaShapes.Concurrency r = Json.body(ctx, LambdaShapes.Concurrency.class);
        answer(ctx, 200, new LambdaShapes.Concurrency(users.putConcurrency(name, r.reservedConcurrentExecutions(), accountConcurrency)));
    }

    void getConcurrency(Context ctx) {
        answer(ctx, 200, new LambdaShapes.Concurrency(users.require(userFunction(ctx)).reservedConcurrency()));
    }

    void deleteConcurrency(Context ctx) {
        users.deleteConcurrency(userFunction(ctx));
        ctx.status(204);
    }

    /** GetFunction of a user function: its configuration, where to download its code, its reserved concurrency. */
    LambdaShapes.GetFunctionResponse getFunction(Context ctx, FunctionConfiguration configuration) {
        StoredFunction function = users.require(configuration.functionName());
        String location = ctx.scheme() + "://" + ctx.host() + CODE_PATH + "/" + configuration.functionName() + "/"
                + CodeArchive.hex(configuration.codeSha256()) + ".zip";
        return new LambdaShapes.GetFunctionResponse(configuration, new LambdaShapes.FunctionCodeLocation("S3", location),
                function.reservedConcurrency() == null ? null : new LambdaShapes.Concurrency(function.reservedConcurrency()), null);
    }

    void downloadCode(Context ctx) {
        String name = ctx.pathParam("name");
        String file = ctx.pathParam("file");
        if (!FunctionValidation.NAME.matcher(name).matches() || !file.matches("[0-9a-f]{64}\\.zip") || !users.exists(name)) {
            ctx.status(404).result("No such code");
            return;
        }
        Path zip = users.codeFile(name, java.util.Base64.getEncoder().encodeToString(
                java.util.HexFormat.of().parseHex(file.substring(0, 64))));
        if (!Files.isRegularFile(zip)) {
            ctx.status(404).result("No such code");
            return;
        }
        try {
            InputStream in = Files.newInputStream(zip);
            ctx.contentType("application/zip").header("Content-Length", Long.toString(Files.size(zip))).result(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String userFunction(Context ctx) {
        FunctionName target = FunctionName.parse(ctx.pathParam("name"), null);
        return userFunction(target.name());
    }

    private String userFunction(String name) {
        if (functions.isBuiltIn(name)) {
            throw LambdaErrors.invalidParameter("The function " + name + " is built into mini-ats: it can be invoked and described,"
                    + " not changed through the API");
        }
        users.require(name);
        return name;
    }

    private static void answer(Context ctx, int status, Object value) {
        ctx.status(status);
        Json.answer(ctx, JSON, value);
    }
}
