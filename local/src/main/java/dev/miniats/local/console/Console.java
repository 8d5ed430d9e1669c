package dev.miniats.local.console;

import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.local.ats.ActivityReadModel;
import dev.miniats.local.ats.PipelineReadModel;
import dev.miniats.local.ats.RosterReadModel;
import dev.miniats.local.replies.CalendarReplyReceiver;
import dev.miniats.local.events.delivery.Dispatcher;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.queues.DeadLetterQueues;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.lambda.InvocationStore;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.tracing.SpanStore;
import dev.miniats.local.xray.XRayService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * The hiring console: server-rendered pages under {@code /console/} on the runtime's one port,
 * made live with htmx and server-sent events. It publishes through {@link EventBus#put}, the same
 * call the EventBridge API makes, so its events are routed, retried and dead-lettered like any
 * other. Thread-safe.
 */
public final class Console implements AutoCloseable {
    static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    private static final Map<String, String> ASSETS = Map.of(
            "htmx.min.js", HTMX,
            "console.js", "dev/miniats/console/assets/console.js",
            "console.css", "dev/miniats/console/assets/console.css");

    private final ConsoleAccess access;
    private final LiveFeed feed;
    private final PipelinePages pipeline;
    private final EventPages events;
    private final TriggerPage trigger;
    private final MailPages mail;
    private final RulesPage rules;
    private final RosterPage roster;
    private final TracePage traces;
    private final LogsPage logs;
    private final ServiceMapPage serviceMap;

    /**
     * What the console reads and drives: the read models {@code ats} offers (the console has no
     * SQL of its own), the services' public faces, the bus and the dispatcher.
     */
    public record Services(ActivityReadModel activity, PipelineReadModel pipeline, RosterReadModel roster, EventLog log,
                           MailStore mails, EventBus bus, Dispatcher dispatcher, RoutingDeclaration routing, Clock clock,
                           SpanStore spans, InvocationStore invocations, XRayService xray, DeadLetterQueues deadLetters,
                           CalendarReplyReceiver calendarReplies) {
    }

    /**
     * @param loginToken required from browsers when {@code bindAddress} is not loopback; null generates one
     */
    public Console(Services services, String bindAddress, String loginToken) {
        this.access = new ConsoleAccess(bindAddress, loginToken, new SecureRandom());
        Pages pages = new Pages(access);
        ActivityReadModel activity = services.activity();
        this.feed = new LiveFeed(() -> activity.changeStamp() + "/" + services.log().deliveryChanges()
                + "/" + services.invocations().latestSeq());
        warmUp(services.pipeline());
        this.pipeline = new PipelinePages(pages, services.pipeline(), activity, services.log(), services.calendarReplies());
        this.events = new EventPages(pages, services);
        this.trigger = new TriggerPage(pages, services);
        this.mail = new MailPages(pages, activity, services.mails());
        this.rules = new RulesPage(pages, services.bus(), services.routing().busName());
        this.roster = new RosterPage(pages, services.roster(), services.routing().partners());
        this.traces = new TracePage(pages, services.spans());
        this.logs = new LogsPage(pages, services.invocations());
        this.serviceMap = new ServiceMapPage(pages, services.xray(), services.clock());
    }

    /**
     * Loads the pipeline read model off the start path: the whole stage history is read once,
     * later pages only apply the changes recorded since.
     */
    private static void warmUp(PipelineReadModel pipeline) {
        Thread warm = new Thread(() -> {
            try {
                pipeline.search(null, null, 0, 1);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Console.class).warn("pipeline warm-up failed; the first page will build it: {}", e.getMessage());
            }
        }, "console-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** The token to open the console with ({@code /console/?token=...}), or null on loopback where none is needed. */
    public String loginToken() {
        return access.loginToken();
    }

    /** Adds the console's routes; called once from the HTTP server's wiring place. */
    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/console/"));
        routes.before("/console", this::admit);
        routes.before("/console/*", this::admit);
        routes.get("/console", pipeline::board);
        routes.get("/console/pipeline/board", pipeline::boardFragment);
        routes.get("/console/candidates/{key}", pipeline::candidate);
        routes.get("/console/trigger", trigger::form);
        routes.post("/console/trigger", trigger::submit);
        routes.get("/console/events", events::list);
        routes.get("/console/events/rows", events::rows);
        routes.get("/console/events/{id}", events::event);
        routes.get("/console/dead-letters", events::deadLetters);
        routes.post("/console/dead-letters/redrive", events::redriveAll);
        routes.post("/console/dead-letters/{id}/redrive", events::redriveOne);
        routes.get("/console/mail", mail::list);
        routes.get("/console/mail/{id}", mail::show);
        routes.get("/console/mail/{id}/parts/{index}", mail::part);
        routes.get("/console/rules", rules::show);
        routes.get("/console/roster", roster::show);
        routes.get("/console/roster/print", roster::print);
        routes.get("/console/traces/{traceId}", traces::show);
        routes.post("/console/rules/test", rules::test);
        routes.get("/console/logs", logs::list);
        routes.get("/console/logs/rows", logs::rows);
        routes.get("/console/logs/{requestId}/lines", logs::lines);
        routes.get("/console/service-map", serviceMap::show);
        routes.get("/console/service-map/graph", serviceMap::fragment);
        routes.get("/console/stream", feed::stream);
        routes.get("/console/assets/{file}", this::asset);
        routes.exception(NotFound.class, (e, ctx) -> ctx.status(404).contentType("text/plain; charset=utf-8").result(e.getMessage()));
    }

    private void admit(Context ctx) {
        if (!access.admit(ctx)) {
            ctx.skipRemainingHandlers();
        }
    }

    private void asset(Context ctx) throws IOException {
        String resource = ASSETS.get(ctx.pathParam("file"));
        if (resource == null) {
            throw new NotFound("No asset named " + ctx.pathParam("file"));
        }
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new NotFound("Asset " + resource + " is missing from the classpath");
            }
            ctx.contentType(resource.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
            ctx.header("Cache-Control", "max-age=300");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.result(in.readAllBytes());
        }
    }

    @Override
    public void close() {
        feed.close();
    }

    /** Thrown when a page names something (an event, a mail, a candidate) that does not exist. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
