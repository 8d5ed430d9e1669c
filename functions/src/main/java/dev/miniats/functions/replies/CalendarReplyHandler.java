package dev.miniats.functions.replies;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.CalendarReplies;
import dev.miniats.core.calendar.CalendarReply;
import dev.miniats.core.calendar.InvalidCalendarReplyException;
import dev.miniats.core.calendar.InvitedInterviews;
import dev.miniats.core.calendar.InvitedInterviews.Invitation;
import dev.miniats.core.calendar.ReplyAnswers;
import dev.miniats.core.calendar.ReplyDecision;
import dev.miniats.core.idempotency.Idempotency;
import dev.miniats.core.idempotency.IdempotencyKey;
import dev.miniats.functions.FunctionLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code calendar-reply}: SES receiving's Lambda action for mail to the organizer address. The
 * receipt rule's S3 action has stored the mail; this reads it ({@link InboundMail}, at most
 * {@link CalendarReplies#MAX_MAIL_BYTES}), reads its iTIP {@code REPLY}s with ical4j, matches each
 * to the interview's latest invite ({@link InvitedInterviews}, written by the interview
 * functions) and decides with {@link ReplyDecision}, as the local runtime does:
 * {@code ACCEPTED} publishes {@code interview-confirmed}, {@code DECLINED}
 * {@code interview-declined}, through PutEvents, with the invite's detail plus {@code inReplyTo}
 * and {@code calendarReply} ({@link ReplyAnswers}). The same answer again publishes nothing; a
 * changed mind publishes the new one. Each mail is handled once per SES message id (a retried
 * event answers what the first run did), and each decision is one JSON log line.
 *
 * <p>A mail that is not a readable reply, too large, or flagged as a virus is logged and
 * answered, not thrown: it would fail the same way again. A missing mail or a refused PutEvents
 * is thrown, so Lambda retries the event. Thread-safe: its collaborators are.
 */
public final class CalendarReplyHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SES message ids are letters, digits and hyphens; anything else could reach outside the prefix. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final ReplyEnvironment environment;
    private final Idempotency idempotency;

    /** Lambda's entry point: configuration from the environment. */
    public CalendarReplyHandler() {
        this(ReplyEnvironment.fromSystem());
    }

    public CalendarReplyHandler(ReplyEnvironment environment) {
        this.environment = environment;
        this.idempotency = new Idempotency(environment.idempotency(), environment.idempotencyConfig(), environment.clock());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        FunctionLog log = FunctionLog.of(context, environment.clock());
        try {
            SesReceivingEvent event = read(input);
            ArrayNode mails = JSON.createArrayNode();
            for (SesReceivingEvent.Record record : event.records()) {
                mails.add(once(record, context, log));
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("mails", mails);
            JSON.writeValue(output, answer);
        } catch (IOException | RuntimeException e) {
            log.error("invocation failed", e);
            throw e;
        }
    }

    private static SesReceivingEvent read(InputStream input) throws IOException {
        try {
            return JSON.readValue(input, SesReceivingEvent.class);
        } catch (ValueInstantiationException e) {
            throw new InvalidReceivingEventException(e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidReceivingEventException("the event is not the SES receiving event: " + e.getOriginalMessage(), e);
        }
    }

    /** One mail, once per message id: a second delivery answers the stored result. */
    private JsonNode once(SesReceivingEvent.Record record, Context context, FunctionLog log) {
        String messageId = record.ses().mail().messageId();
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new InvalidReceivingEventException("Records[].ses.mail.messageId is '" + messageId
                    + "'; expected an SES message id (letters, digits, '.', '_', '-')");
        }
        Duration remaining = context == null || context.getRemainingTimeInMillis() <= 0
                ? Duration.ofMinutes(5) : Duration.ofMillis(context.getRemainingTimeInMillis());
        IdempotencyKey key = IdempotencyKey.of("calendar-reply#" + messageId, messageId, "SES gives every mail its own message id");
        var outcome = idempotency.execute(key, remaining, () -> handle(messageId, record.ses().receipt(), log).toString());
        try {
            ObjectNode result = (ObjectNode) JSON.readTree(outcome.result());
            result.put("replayed", outcome.replayed());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("The stored result of mail " + messageId + " is not JSON", e);
        }
    }

    private ObjectNode handle(String messageId, SesReceivingEvent.Receipt receipt, FunctionLog log) {
        ObjectNode result = JSON.createObjectNode().put("messageId", messageId);
        ArrayNode decisions = result.putArray("replies");
        if (receipt.virus()) {
            log.info("calendar reply refused", "messageId", messageId, "outcome", "INVALID", "reason", "SES found a virus in the mail");
            return result.put("outcome", "INVALID").put("reason", "SES found a virus in the mail");
        }
        List<CalendarReply> replies;
        try {
            replies = CalendarReplies.read(environment.mail().read(messageId, CalendarReplies.MAX_MAIL_BYTES));
        } catch (InvalidCalendarReplyException | MailTooLargeException e) {
            log.info("calendar reply refused", "messageId", messageId, "outcome", "INVALID", "reason", e.getMessage());
            return result.put("outcome", "INVALID").put("reason", e.getMessage());
        }
        List<String> recipients = receipt.recipients().stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        for (CalendarReply reply : replies) {
            ObjectNode decided = decide(reply, recipients);
            log.info("calendar reply decided", "messageId", messageId, "uid", reply.uid(), "attendee", reply.attendee(),
                    "partStat", reply.partStat().name(), "sequence", Integer.toString(reply.sequence()),
                    "outcome", decided.path("outcome").asText(), "reason", decided.path("reason").asText(),
                    "eventId", decided.path("eventId").asText(null));
            decisions.add(decided);
        }
        return result;
    }

    private ObjectNode decide(CalendarReply reply, List<String> recipients) {
        InvitedInterviews invited = environment.invited();
        Optional<Invitation> found = invited.find(reply.uid());
        ObjectNode decided = JSON.createObjectNode().put("uid", reply.uid()).put("attendee", reply.attendee())
                .put("partStat", reply.partStat().name()).put("sequence", reply.sequence());
        if (found.isPresent() && !recipients.contains(found.get().organizer())) {
            return decided.put("outcome", "NOT_TO_ORGANIZER").put("reason", "the mail went to " + recipients
                    + ", not the interview's organizer " + found.get().organizer() + "; nothing changed");
        }
        ReplyDecision decision = ReplyDecision.of(reply, found.map(Invitation::interview));
        decided.put("outcome", decision.outcome().name()).put("reason", decision.reason());
        if (decision.publish().isEmpty()) {
            return decided;
        }
        InvitedInterviews.Claim claim = invited.claim(reply);
        if (!claim.claimed()) {
            return decided.put("outcome", "DUPLICATE").put("reason", reply.attendee() + " already answered " + reply.partStat()
                    + " to SEQUENCE " + reply.sequence() + "; nothing published again");
        }
        Invitation invitation = found.get();
        String detail = ReplyAnswers.detail(asked(invitation), invitation.interview().eventId(), reply).toString();
        String detailType = decision.publish().get().wireName();
        Optional<String> eventId;
        try {
            eventId = environment.publisher().publish(detailType, detail);
        } catch (RuntimeException e) {
            invited.release(reply, claim.before());
            throw e;
        }
        if (eventId.isEmpty()) {
            invited.release(reply, claim.before());
            throw new AnswerNotPublishedException(detailType, reply.uid());
        }
        return decided.put("eventId", eventId.get()).put("detailType", detailType);
    }

    private static ObjectNode asked(Invitation invitation) {
        try {
            return (ObjectNode) JSON.readTree(invitation.detailJson());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the recorded detail of " + invitation.interview().uid() + " is not a JSON object", e);
        }
    }
}
