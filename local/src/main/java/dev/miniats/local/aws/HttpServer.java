package dev.miniats.local.aws;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.EndpointNotFound;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The runtime's one HTTP port. Services register their own routes ({@link AwsService}); this class
 * only routes {@code POST /} to a JSON 1.1 router by {@code X-Amz-Target} prefix or to a Query
 * router by the SigV4 credential scope's service name (or the API version when unsigned), and maps
 * every error to the AWS shape of the protocol in use, here and only here.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Room for a 40 MB SES v2 raw message once base64-encoded in JSON. */
    static final long MAX_REQUEST_BYTES = 56L * 1024 * 1024;
    private static final String REQUEST_ID = "aws.requestId";
    /**
     * How long a kept-alive connection may sit idle. Jetty's 30 s default equals the CloudFormation
     * waiter's poll interval: the CLI's next poll could meet the server closing the connection, and a
     * request caught in that close was answered 408 with an empty body, which the CLI does not retry
     * ("invalid XML received"). Five minutes outlasts every waiter's interval and the SDK for Java's
     * own 60 s idle close, so the client closes first.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The answer to a request Jetty's idle timeout cut off, where no AWS-shaped error can be written:
     * the CLI and the SDKs retry a 503 on a new connection, and none retries a 408. With a 200 ms idle
     * timeout and polls timed to meet it, the CLI's botocore failed 3 of 4,000 calls with Javalin's
     * 408 and none with this.
     */
    static final int CUT_OFF_STATUS = 503;

    private final Javalin app;
    private final String region;

    public HttpServer(String host, int port, String region, List<AwsService> services) {
        this(host, port, region, services, IDLE_TIMEOUT);
    }

    HttpServer(String host, int port, String region, List<AwsService> services, Duration idleTimeout) {
        this.region = region;
        this.app = Javalin.create(config -> {
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(idleTimeout.toMillis());
                return connector;
            });
            config.jetty.timeoutStatus = CUT_OFF_STATUS;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.startup.showJavalinBanner = false;
            AwsRoutes routes = new AwsRoutes(config.routes);
            services.forEach(s -> s.register(routes));
            List<JsonRouter> json = List.copyOf(routes.json);
            Map<String, JsonRouter> lean = new HashMap<>();
            json.forEach(router -> router.leanTargets().forEach(target -> lean.put(target, router)));
            // Javalin hangs its servlet context under the wrapper the server already has
            config.jetty.modifyServer(server -> server.setHandler(new LeanJsonPath(lean, region)));
            List<QueryRouter> query = new ArrayList<>(routes.query.values());
            config.routes.post("/", ctx -> root(ctx, json, query));
            config.routes.exception(EndpointNotFound.class, (e, ctx) -> unrouted(ctx, Set.copyOf(routes.rest)));
            config.routes.exception(AwsException.class, (e, ctx) -> Protocol.of(ctx).renderError(ctx, e, requestId(ctx)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                Protocol.of(ctx).renderError(ctx, new AwsException(500, "InternalFailure",
                        "The request processing has failed because of an unknown error."), requestId(ctx));
            });
        });
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    private void root(Context ctx, List<JsonRouter> json, List<QueryRouter> query) {
        AwsRequest call = AwsRequest.of(ctx, requestId(ctx), region);
        String target = ctx.header("X-Amz-Target");
        if (target != null) {
            for (JsonRouter router : json) {
                if (target.startsWith(router.targetPrefix())) {
                    router.handle(ctx, target, call);
                    return;
                }
            }
            Protocol.JSON_1_1.mark(ctx, AwsRequest.signedService(ctx));
            String service = target.contains(".") ? target.substring(0, target.indexOf('.')) : target;
            throw notSpoken(service, "X-Amz-Target " + target, json.stream().map(JsonRouter::targetPrefix).toList());
        }
        if (!isForm(ctx)) {
            throw new AwsException(400, "InvalidAction", "The request has no X-Amz-Target header nor a form-encoded Action.");
        }
        Protocol.QUERY.mark(ctx, AwsRequest.signedService(ctx));
        QueryParams params = QueryParams.parse(ctx.body());
        String signed = AwsRequest.signedService(ctx);
        String version = params.optional("Version");
        QueryRouter router = null;
        for (QueryRouter r : query) {
            if (signed != null ? r.service().equals(signed) : version == null || r.version().equals(version)) {
                router = r;
                break;
            }
        }
        if (router == null) {
            throw notSpoken(signed != null ? signed : "the API of version " + version,
                    "Action " + params.optional("Action") + ", Version " + version, query.stream().map(QueryRouter::service).toList());
        }
        router.handle(ctx, params, call);
    }

    /**
     * A path no route serves. An SDK or CLI request signed for a service the runtime does not speak
     * (Route 53, ECS, ... are REST services with paths of their own) gets {@code NotImplemented}
     * naming it, as JSON and Query requests do; one signed for a REST service the runtime speaks
     * gets that service's unknown-operation error; anything unsigned (a browser) a plain 404.
     */
    private static void unrouted(Context ctx, Set<String> restServices) {
        String signed = AwsRequest.signedService(ctx);
        String what = ctx.method() + " " + ctx.path();
        if (signed == null) {
            ctx.status(404).contentType("text/plain").result("Not found: " + what);
            return;
        }
        AwsException e = restServices.contains(signed)
                ? new AwsException(404, "UnknownOperationException", "No " + signed + " operation is served at " + what + ".")
                : notSpoken(signed, what, restServices);
        Protocol.of(ctx).renderError(ctx, e, requestId(ctx));
    }

    private static AwsException notSpoken(String service, String what, Collection<String> spoken) {
        return new AwsException(501, "NotImplemented", "The mini-ats local runtime does not implement " + service + " (" + what
                + "); it speaks " + new TreeSet<>(spoken) + " over this protocol.");
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.attribute(REQUEST_ID, id);
        }
        return id;
    }

    @Override
    public void close() {
        app.stop();
    }
}
