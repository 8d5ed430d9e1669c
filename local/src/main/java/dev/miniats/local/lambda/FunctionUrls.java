package dev.miniats.local.lambda;

import dev.miniats.local.lambda.FunctionUrlStore.FunctionUrl;
import dev.miniats.local.lambda.LambdaShapes.FunctionUrlConfig;
import dev.miniats.local.lambda.LambdaShapes.FunctionUrlConfigRequest;
import dev.miniats.local.sqlite.Database;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Lambda function URLs (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html) of
 * user and built-in functions: one per function or alias, with {@code AuthType} {@code NONE} or
 * {@code AWS_IAM}. On AWS a URL is {@code https://<url-id>.lambda-url.<region>.on.aws/}; here it is
 * {@code <endpoint>/_lambda-url/<url-id>/}, a path on the runtime's own port, because a host name
 * like {@code <url-id>.lambda-url.us-east-1.localhost} resolves to loopback in curl and browsers
 * but not in Java's or Python's resolvers, so SDK code could not call it. Thread-safe.
 */
public final class FunctionUrls {
    /** Where function URLs are served on the runtime's port. */
    public static final String PATH = "/_lambda-url/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FunctionUrlStore store;
    private final Clock clock;
    private volatile FunctionRegistry functions;
    private volatile URI endpoint;

    FunctionUrls(Database db, Clock clock) {
        this.store = new FunctionUrlStore(db);
        this.clock = clock;
    }

    /** Called once the registry serves user functions on {@code endpoint}. */
    void bind(FunctionRegistry registry, URI at) {
        this.functions = registry;
        this.endpoint = at;
    }

    /** CreateFunctionUrlConfig. */
    public FunctionUrlConfig create(String function, String qualifier, FunctionUrlConfigRequest r) {
        String arn = target(function, qualifier);
        String authType = authType(r.authType());
        String invokeMode = invokeMode(r.invokeMode());
        if (store.get(function, key(qualifier)).isPresent()) {
            throw LambdaErrors.conflict("Failed to create function url config for [functionArn = " + arn + "]. Error message: "
                    + " FunctionUrlConfig exists for this Lambda function");
        }
        String now = TIME.format(clock.instant());
        String id = newId();
        FunctionUrlConfig config = new FunctionUrlConfig(url(id), arn, authType, r.cors(), now, now, invokeMode);
        store.put(new FunctionUrl(function, key(qualifier), id, config));
        return config;
    }

    /** GetFunctionUrlConfig. */
    public FunctionUrlConfig get(String function, String qualifier) {
        return rendered(require(function, qualifier));
    }

    /** UpdateFunctionUrlConfig: changes what the request names, keeps the rest. */
    FunctionUrlConfig update(String function, String qualifier, FunctionUrlConfigRequest r) {
        FunctionUrl url = require(function, qualifier);
        FunctionUrlConfig old = url.config();
        FunctionUrlConfig config = new FunctionUrlConfig(old.functionUrl(), old.functionArn(),
                r.authType() == null ? old.authType() : authType(r.authType()), r.cors() == null ? old.cors() : r.cors(),
                old.creationTime(), TIME.format(clock.instant()), r.invokeMode() == null ? old.invokeMode() : invokeMode(r.invokeMode()));
        store.put(new FunctionUrl(url.function(), url.qualifier(), url.urlId(), config));
        return rendered(new FunctionUrl(url.function(), url.qualifier(), url.urlId(), config));
    }

    /** DeleteFunctionUrlConfig. */
    public void delete(String function, String qualifier) {
        store.delete(require(function, qualifier));
    }

    /** ListFunctionUrlConfigs. */
    List<FunctionUrlConfig> list(String function) {
        requireFunction(function);
        return store.of(function).stream().map(this::rendered).toList();
    }

    /** Drops every URL of a deleted function, as Lambda does. */
    void deleteAll(String function) {
        store.of(function).forEach(store::delete);
    }

    /** The URL with id {@code urlId}, while its function exists. */
    Optional<FunctionUrl> byId(String urlId) {
        FunctionRegistry registry = functions;
        return store.byId(urlId).filter(u -> registry != null && registry.exists(u.function()));
    }

    private FunctionUrlConfig rendered(FunctionUrl url) {
        return url.config().withUrl(url(url.urlId()));
    }

    private String url(String id) {
        URI at = endpoint;
        String base = at == null ? "" : at.toString().replaceAll("/$", "");
        return base + PATH + id + "/";
    }

    private FunctionUrl require(String function, String qualifier) {
        target(function, qualifier);
        return store.get(function, key(qualifier)).orElseThrow(() -> LambdaErrors.notFound("The resource you requested does not exist."));
    }

    private void requireFunction(String function) {
        FunctionRegistry registry = functions;
        if (registry == null || !registry.exists(function)) {
            throw LambdaErrors.notFound("Function not found: " + (registry == null ? function : registry.arn(function)));
        }
    }

    /** The function (or alias) ARN a URL invokes; only an alias may qualify it, as on Lambda. */
    private String target(String function, String qualifier) {
        requireFunction(function);
        String arn = functions.arn(function);
        if (qualifier == null || qualifier.isEmpty()) {
            return arn;
        }
        if (!qualifier.matches("(?!^[0-9]+$)[a-zA-Z0-9-_]+")) {
            throw LambdaErrors.validation(qualifier, "qualifier", "Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)");
        }
        if (functions.isBuiltIn(function) || functions.userFunctions().require(function).aliases().get(qualifier) == null) {
            throw LambdaErrors.notFound("Function not found: " + arn + ":" + qualifier);
        }
        return arn + ":" + qualifier;
    }

    private static String key(String qualifier) {
        return qualifier == null ? "" : qualifier;
    }

    private static String authType(String authType) {
        if (!"NONE".equals(authType) && !"AWS_IAM".equals(authType)) {
            throw LambdaErrors.validation(authType, "authType", "Member must satisfy enum value set: [AWS_IAM, NONE]");
        }
        return authType;
    }

    private static String invokeMode(String invokeMode) {
        if (invokeMode == null || "BUFFERED".equals(invokeMode)) {
            return "BUFFERED";
        }
        if ("RESPONSE_STREAM".equals(invokeMode)) {
            throw LambdaErrors.invalidParameter("InvokeMode RESPONSE_STREAM is not supported by the local Lambda; use BUFFERED");
        }
        throw LambdaErrors.validation(invokeMode, "invokeMode", "Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
    }

    private static String newId() {
        char[] id = new char[32];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
