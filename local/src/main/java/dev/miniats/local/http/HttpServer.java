package dev.miniats.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.bus.BusException;
import dev.miniats.local.ses.MessageRejectedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The runtime's one HTTP port and its one wiring place: every AWS API, the runtime's own API and
 * (later) the console. Errors are mapped to each protocol's AWS shape here and only here.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Room for a 40 MB SES v2 raw message once base64-encoded in JSON. */
    static final long MAX_REQUEST_BYTES = 56L * 1024 * 1024;

    private final Javalin app;

    public HttpServer(String host, int port, EventBridgeApi eventBridge, SesV2Api sesV2, LocalApi local, BusApi busApi) {
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.startup.showJavalinBanner = false;
            config.routes.post("/", ctx -> root(ctx, eventBridge));
            config.routes.post("/v2/email/outbound-emails", sesV2::sendEmail);
            config.routes.get("/_ats/health", local::health);
            config.routes.get("/_ats/events", local::events);
            config.routes.get("/_ats/events/{id}", local::event);
            config.routes.get("/_ats/dead-letters", local::deadLetters);
            // the bus: dead-letter redrive and traces
            config.routes.post("/_ats/dead-letters/redrive", busApi::redriveAll);
            config.routes.post("/_ats/dead-letters/{id}/redrive", busApi::redriveOne);
            config.routes.get("/_ats/traces/{traceId}", busApi::trace);
            config.routes.exception(BusException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            config.routes.exception(AwsException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            config.routes.exception(MessageRejectedException.class, (e, ctx) -> error(ctx, 400, e.code(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "InternalFailure", "The request processing has failed because of an unknown error.");
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

    private static void root(Context ctx, EventBridgeApi eventBridge) {
        String target = ctx.header("X-Amz-Target");
        if (target != null && target.startsWith(EventBridgeApi.TARGET_PREFIX)) {
            eventBridge.handle(ctx, target);
            return;
        }
        if (target != null) {
            throw new AwsException(400, "UnknownOperationException", "Unknown X-Amz-Target: " + target);
        }
        throw new AwsException(400, "InvalidAction", "The request has no X-Amz-Target header nor a known Action.");
    }

    /**
     * AWS error shapes: JSON 1.1 ({@code __type} + {@code message}), REST-JSON (the
     * {@code x-amzn-ErrorType} header and {@code message}); both carry the code in header and body
     * so every SDK generation finds it.
     */
    static void error(Context ctx, int status, String code, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("__type", code);
        body.put("message", message);
        if (!ctx.path().startsWith("/v2/") && ctx.header("X-Amz-Target") == null) {
            body.put("Message", message);
        }
        ctx.status(status).header("x-amzn-ErrorType", code);
        Json.answer(ctx, ctx.header("X-Amz-Target") != null ? EventBridgeApi.CONTENT_TYPE : "application/json", body);
    }

    @Override
    public void close() {
        app.stop();
    }

}
