package dev.miniats.local.candidate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.link.LinkSigner;
import dev.miniats.functions.pages.CandidatePagesHandler;
import dev.miniats.functions.pages.PagesEnvironment;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.sqlite.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import software.amazon.awssdk.http.SdkHttpClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Serves the candidate pages, {@code /candidate/<action>/<candidateId>?token=...} and
 * {@code /apply/<company>/<job>}, through the same {@link CandidatePagesHandler} the stack runs
 * behind a Lambda function URL: each request becomes the function URL's payload (format 2.0), the
 * handler runs in-process, and its {@code statusCode}, {@code headers}, {@code cookies} and
 * {@code body} become the response. Answers are kept in SQLite ({@code candidate_answers}), the
 * asking events are read from the event log, and answers are published with the SDK's PutEvents
 * to this runtime. Thread-safe.
 */
public final class CandidatePages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CandidatePagesHandler> build;
    private volatile CandidatePagesHandler handler;

    /**
     * The handler is built on first use: its SDK client needs the runtime's endpoint, known once
     * the port is. The client sends over {@code http}, which the runtime owns and closes.
     */
    public CandidatePages(LinkSigner signer, Database db, EventLog log, Supplier<URI> endpoint, String busName, Clock clock,
                          SdkHttpClient http) {
        CandidateAnswers answers = new CandidateAnswers(db, clock);
        EventLogAskedEvents asked = new EventLogAskedEvents(log);
        this.build = () -> new CandidatePagesHandler(PagesEnvironment.local(endpoint.get(), busName, clock, signer, answers, asked,
                http));
    }

    private CandidatePagesHandler handler() {
        CandidatePagesHandler built = handler;
        if (built == null) {
            synchronized (this) {
                if (handler == null) {
                    handler = build.get();
                }
                built = handler;
            }
        }
        return built;
    }

    public void register(RoutesConfig routes) {
        routes.get("/candidate/{action}/{candidate}", this::serve);
        routes.post("/candidate/{action}/{candidate}", this::serve);
        routes.get("/apply/{company}/{job}", this::serve);
        routes.post("/apply/{company}/{job}", this::serve);
    }

    private void serve(Context ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler().handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(payload(ctx))), out, null);
            JsonNode response = JSON.readTree(out.toByteArray());
            ctx.status(response.path("statusCode").asInt(500));
            response.path("headers").fields().forEachRemaining(h -> ctx.header(h.getKey(), h.getValue().asText()));
            response.path("cookies").forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie.asText()));
            ctx.result(response.path("body").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request as a Lambda function URL hands it to the function (payload format 2.0). */
    static ObjectNode payload(Context ctx) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("rawPath", ctx.path());
        event.put("rawQueryString", ctx.queryString() == null ? "" : ctx.queryString());
        ArrayNode cookies = event.putArray("cookies");
        String header = ctx.header("Cookie");
        if (header != null) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.strip());
                }
            }
        }
        ObjectNode headers = event.putObject("headers");
        if (ctx.contentType() != null) {
            headers.put("content-type", ctx.contentType());
        }
        event.putObject("requestContext").putObject("http").put("method", ctx.method().name()).put("path", ctx.path());
        event.put("body", new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        event.put("isBase64Encoded", false);
        return event;
    }
}
