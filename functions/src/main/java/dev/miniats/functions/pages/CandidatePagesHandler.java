package dev.miniats.functions.pages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.FunctionLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * {@code candidate-pages}: the candidate pages as a Lambda function behind a function URL (or an
 * HTTP API), and the local runtime's {@code /candidate/...} and {@code /apply/...} routes, which
 * call this same handler in-process with the same payload.
 *
 * <p>Two inputs: an HTTP request in payload format 2.0 (answered with {@code statusCode},
 * {@code headers}, {@code cookies}, {@code body}), and, on AWS, the hiring events whose mails carry
 * links (delivered by a rule), whose detail is kept for the answer ({@link AskedEvents#remember}).
 * Thread-safe: the local runtime calls one instance from several threads.
 */
public final class CandidatePagesHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CandidatePages pages;
    private final AskedEvents asked;
    private final Clock clock;

    /** Lambda's entry point: configuration from the environment ({@link PagesEnvironment#fromSystem()}). */
    public CandidatePagesHandler() {
        this(PagesEnvironment.fromSystem());
    }

    public CandidatePagesHandler(PagesEnvironment environment) {
        this.pages = new CandidatePages(environment.signer(), environment.answers(), environment.asked(), environment.publisher());
        this.asked = environment.asked();
        this.clock = environment.clock();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        FunctionLog log = FunctionLog.of(context, clock);
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            JSON.writeValue(output, pages.unreadable(new PageRequestException(400, "the request is not JSON")));
            return;
        }
        if (event != null && event.has("detail-type")) {
            JSON.writeValue(output, remember(event, log));
            return;
        }
        PageResponse response;
        try {
            response = pages.handle(PageRequest.fromHttpEvent(event == null ? JSON.createObjectNode() : event));
        } catch (PageRequestException e) {
            response = pages.unreadable(e);
        } catch (RuntimeException e) {
            log.error("page failed", e);
            throw e;
        }
        log.info("page answered", "status", Integer.toString(response.statusCode()));
        JSON.writeValue(output, response);
    }

    /** Keeps a hiring event's detail for the answers to its links; other sources are refused. */
    private ObjectNode remember(JsonNode event, FunctionLog log) {
        String id = event.path("id").asText("");
        if (!RoutingDeclaration.SOURCE.equals(event.path("source").asText()) || id.isBlank()
                || !(event.get("detail") instanceof ObjectNode detail)) {
            throw new IllegalArgumentException("the event has source '" + event.path("source").asText() + "', id '" + id
                    + "'; expected a " + RoutingDeclaration.SOURCE + " event with an id and an object detail");
        }
        asked.remember(id, detail);
        log.info("asking event kept", "eventId", id);
        ObjectNode result = JSON.createObjectNode();
        result.put("eventId", id);
        result.put("remembered", true);
        return result;
    }
}
