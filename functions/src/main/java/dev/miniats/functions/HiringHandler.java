package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import dev.miniats.core.event.InvalidEventException;
import dev.miniats.core.idempotency.Idempotency;
import dev.miniats.core.idempotency.IdempotencyKey;
import dev.miniats.core.idempotency.IdempotentResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The shape every hiring function shares: read the input (an EventBridge envelope or a bare
 * detail), validate it, do the one thing, answer with a small JSON result. A failure is thrown,
 * never swallowed, so Lambda reports it and EventBridge retries or dead-letters the event.
 *
 * <p>Subclasses wire their dependencies once in their constructor (the cold-start phase).
 * Thread-safe when the subclass is: the local runtime calls one instance from several threads.
 */
public abstract class HiringHandler implements RequestStreamHandler {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Set<DetailType> accepted;
    private final Idempotency idempotency;

    protected HiringHandler(FunctionEnvironment environment, Set<DetailType> accepted) {
        this.clock = environment.clock();
        this.accepted = Set.copyOf(accepted);
        this.idempotency = new Idempotency(environment.stores().idempotency(), environment.idempotency(), clock);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        FunctionLog log = FunctionLog.of(context, clock);
        try {
            JsonNode json = readJson(input);
            HiringEvent event = read(json);
            log.about(event.detail().candidateId(), event.eventId().orElse(null));
            log.info("event received", "detailType", event.detailType().map(DetailType::wireName).orElse("(bare detail)"));
            ObjectNode result = handle(event, context, log);
            handled(event, detailOf(json), context, log, result);
            JSON.writeValue(output, result);
        } catch (IOException | RuntimeException e) {
            log.error("invocation failed", e);
            throw e;
        }
    }

    private static JsonNode readJson(InputStream input) throws IOException {
        try {
            return JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("event", null, "a JSON document (" + e.getOriginalMessage() + ")");
        }
    }

    /** The detail as received: the envelope's, or the input itself when it is a bare detail (as HiringEvents.parse decides). */
    private static ObjectNode detailOf(JsonNode json) {
        boolean envelope = json.has("detail") && (json.has("detail-type") || json.has("source"));
        return (ObjectNode) (envelope ? json.get("detail") : json);
    }

    private HiringEvent read(JsonNode json) {
        HiringEvent event = HiringEvents.parse(json, clock);
        if (event.detailType().isPresent() && !accepted.contains(event.detailType().get())) {
            throw new InvalidEventException("detail-type", event.detailType().get().wireName(), "one of " + accepted);
        }
        return event;
    }

    /** Does the function's work for one valid event and returns what the invocation answers; logs to {@code log}. */
    protected abstract ObjectNode handle(HiringEvent event, Context context, FunctionLog log);

    /**
     * Called after {@link #handle} succeeded (a replay too), with the event's detail as received
     * ({@code detail}, an object: parsing accepted it), for what must follow the effect every time;
     * nothing by default.
     */
    protected void handled(HiringEvent event, ObjectNode detail, Context context, FunctionLog log, ObjectNode result) {
    }

    protected final Clock clock() {
        return clock;
    }

    /**
     * Runs {@code effect} (which sends the email) once per {@code key}: a duplicate gets the
     * stored result with {@code "replayed": true}. The answer also names this invocation's event.
     * The effect gets the key's {@linkplain IdempotencyKey#messageKey() message key} to put on its
     * message, so a second run after a crash (the mail accepted, the record not yet completed) is
     * answered by the mail service with the first MessageId instead of a second mail. The key is
     * held for no longer than the invocation's remaining time ({@code context}, when given).
     *
     * @throws dev.miniats.core.idempotency.IdempotencyInProgressException when a duplicate is being sent right now; retryable
     * @throws dev.miniats.core.idempotency.IdempotencyKeyMismatchException when the key was used with other content; permanent
     */
    protected final ObjectNode once(HiringEvent event, Context context, FunctionLog log, IdempotencyKey key,
                                    Function<String, ObjectNode> effect) {
        Duration remaining = context == null || context.getRemainingTimeInMillis() <= 0
                ? Duration.ofDays(1) : Duration.ofMillis(context.getRemainingTimeInMillis());
        IdempotentResult outcome = idempotency.execute(key, remaining, () -> effect.apply(key.messageKey()).toString());
        ObjectNode result;
        try {
            result = (ObjectNode) JSON.readTree(outcome.result());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("The stored result of '" + key.value() + "' is not JSON", e);
        }
        if (outcome.replayed()) {
            log.info("idempotent replay skipped", "idempotencyKey", key.value(), "messageId", result.path("messageId").asText(null));
        } else {
            log.info("mail sent", "idempotencyKey", key.value(), "messageId", result.path("messageId").asText(null));
        }
        event.eventId().ifPresent(id -> result.put("eventId", id));
        result.put("replayed", outcome.replayed());
        return result;
    }

    /** What the effect of an email function answers, before {@link #once} adds the event. */
    protected static ObjectNode sent(HiringEvent event, String messageId) {
        ObjectNode result = JSON.createObjectNode();
        result.put("candidateId", event.detail().candidateId());
        result.put("messageId", messageId);
        return result;
    }

    /**
     * The event's id; for a bare detail (no envelope) the Lambda request id, else a name-based
     * UUID of the candidate and the invocation time, so recording stays idempotent per invocation.
     */
    protected static String eventId(HiringEvent event, Context context) {
        if (event.eventId().isPresent()) {
            return event.eventId().get();
        }
        if (context != null && context.getAwsRequestId() != null) {
            return "request-" + context.getAwsRequestId();
        }
        String name = event.detail().candidateId() + "\n" + event.time();
        return "bare-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
