package dev.miniats.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.ses.SesException;
import dev.miniats.local.bus.BusException;
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

    public HttpServer(String host, int port, EventBridgeApi eventBridge, SesV2Api sesV2, LambdaApi lambda, LocalApi local,
                      RosterApi roster, PipelineApi pipeline, SesV1Api sesV1, SentMailApi sentMail,
                      BusApi busApi, LogsApi logs, java.util.function.Consumer<io.javalin.config.RoutesConfig> console) {
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.startup.showJavalinBanner = false;
            config.routes.post("/", ctx -> root(ctx, eventBridge, logs.cloudWatch(), sesV1));
            config.routes.post("/v2/email/outbound-emails", sesV2::sendEmail);
            config.routes.post(LambdaApi.PREFIX + "/{name}/invocations", lambda::invoke);
            config.routes.get(LambdaApi.PREFIX, lambda::list);
            config.routes.get(LambdaApi.PREFIX + "/", lambda::list);
            config.routes.get(LambdaApi.PREFIX + "/{name}", lambda::get);
            // SES v2 identities, templates and account; the sent-mail APIs (LocalStack's and ours).
            config.routes.post("/v2/email/identities", sesV2::createEmailIdentity);
            config.routes.get("/v2/email/identities", sesV2::listEmailIdentities);
            config.routes.post("/v2/email/list-identities", sesV2::listEmailIdentities);
            config.routes.get("/v2/email/identities/{identity}", sesV2::getEmailIdentity);
            config.routes.delete("/v2/email/identities/{identity}", sesV2::deleteEmailIdentity);
            config.routes.post("/v2/email/templates", sesV2::createEmailTemplate);
            config.routes.get("/v2/email/templates", sesV2::listEmailTemplates);
            config.routes.get("/v2/email/templates/{name}", sesV2::getEmailTemplate);
            config.routes.put("/v2/email/templates/{name}", sesV2::updateEmailTemplate);
            config.routes.delete("/v2/email/templates/{name}", sesV2::deleteEmailTemplate);
            config.routes.get("/v2/email/account", sesV2::getAccount);
            config.routes.get("/_aws/ses", sentMail::list);
            config.routes.delete("/_aws/ses", sentMail::clear);
            config.routes.get("/_localstack/ses", sentMail::list); // LocalStack before 2.0 served it here
            config.routes.delete("/_localstack/ses", sentMail::clear);
            config.routes.get("/_ats/mails", sentMail::deliveries);
            config.routes.get("/_ats/mails/{id}", sentMail::delivery);
            config.routes.get("/_ats/health", local::health);
            config.routes.get("/_ats/roster", roster::days);
            config.routes.get("/_ats/roster.csv", roster::csv);
            config.routes.post("/_ats/roster/digest", roster::digest);
            config.routes.get("/_ats/pipeline", pipeline::candidates);
            config.routes.get("/_ats/pipeline/{candidateId}", pipeline::candidate);
            config.routes.get("/_ats/events", local::events);
            config.routes.get("/_ats/events/{id}", local::event);
            config.routes.get("/_ats/dead-letters", local::deadLetters);
            // the bus: dead-letter redrive and traces
            config.routes.post("/_ats/dead-letters/redrive", busApi::redriveAll);
            config.routes.post("/_ats/dead-letters/{id}/redrive", busApi::redriveOne);
            config.routes.get("/_ats/traces/{traceId}", busApi::trace);
            config.routes.get("/_ats/logs", logs::invocations);
            config.routes.exception(BusException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            console.accept(config.routes);
            config.routes.exception(AwsException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            config.routes.exception(SesException.class, (e, ctx) -> error(ctx, e.status(),
                    isQuery(ctx) ? e.queryCode() : e.restCode(), e.getMessage()));
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

    private static void root(Context ctx, EventBridgeApi eventBridge, CloudWatchLogsApi cloudWatchLogs, SesV1Api sesV1) {
        String target = ctx.header("X-Amz-Target");
        if (target != null && target.startsWith(EventBridgeApi.TARGET_PREFIX)) {
            eventBridge.handle(ctx, target);
            return;
        }
        if (target != null && target.startsWith(CloudWatchLogsApi.TARGET_PREFIX)) {
            cloudWatchLogs.handle(ctx, target);
            return;
        }
        if (target == null && SesV1Api.isQuery(ctx)) {
            sesV1.handle(ctx);
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
        if (isQuery(ctx)) {
            // Query protocol: XML, Type Sender for the caller's faults, Receiver for ours.
            String requestId = java.util.UUID.randomUUID().toString();
            ctx.status(status).header("x-amzn-RequestId", requestId).contentType(SesV1Api.CONTENT_TYPE)
                    .result(QueryXml.error(status < 500 ? "Sender" : "Receiver", code, message, requestId));
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("__type", code);
        body.put("message", message);
        if (ctx.path().startsWith(LambdaApi.PREFIX)) {
            body.put("Type", status >= 500 ? "Service" : "User");
        } else if (!ctx.path().startsWith("/v2/") && ctx.header("X-Amz-Target") == null) {
            body.put("Message", message);
        }
        ctx.status(status).header("x-amzn-ErrorType", code);
        Json.answer(ctx, ctx.header("X-Amz-Target") != null ? EventBridgeApi.CONTENT_TYPE : "application/json", body);
    }

    private static boolean isQuery(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(SesV1Api.QUERY_PROTOCOL));
    }

    @Override
    public void close() {
        app.stop();
    }

}
