package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.CalendarReplies;
import dev.miniats.core.calendar.ClientReplies;
import dev.miniats.core.calendar.InterviewCalendars;
import dev.miniats.core.idempotency.IdempotencyConfig;
import dev.miniats.core.idempotency.InMemoryIdempotencyStore;
import dev.miniats.functions.pages.AnswerPublisher;
import dev.miniats.functions.replies.AnswerNotPublishedException;
import dev.miniats.functions.replies.CalendarReplyHandler;
import dev.miniats.functions.replies.InboundMail;
import dev.miniats.functions.replies.InvalidReceivingEventException;
import dev.miniats.functions.replies.MailNotFoundException;
import dev.miniats.functions.replies.MailTooLargeException;
import dev.miniats.functions.replies.ReplyEnvironment;
import net.fortuna.ical4j.model.parameter.PartStat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.miniats.functions.Invocations.JSON;
import static dev.miniats.functions.Invocations.envelope;
import static dev.miniats.functions.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calendar-reply function as SES receiving runs it: the interview functions send and record
 * the invite, a calendar client's REPLY (built with ical4j, or Google's and Outlook's real
 * shapes) is stored as the S3 action would, and the SES event names it.
 */
class CalendarReplyHandlerTest {
    private static final String ORGANIZER = "talent@example.com";

    private final RecordingMailer mailer = new RecordingMailer();
    private final FunctionEnvironment environment = Invocations.environment(mailer);
    private final Map<String, byte[]> inbound = new ConcurrentHashMap<>();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean busRefuses = new AtomicBoolean();
    private final CalendarReplyHandler handler = new CalendarReplyHandler(new ReplyEnvironment(Invocations.CLOCK, this::stored,
            environment.stores().invited(), new InMemoryIdempotencyStore(), IdempotencyConfig.DEFAULT, publisher()));

    private record Published(String detailType, JsonNode detail) {
    }

    private AnswerPublisher publisher() {
        return (detailType, detailJson) -> {
            if (busRefuses.get()) {
                return Optional.empty();
            }
            published.add(new Published(detailType, read(detailJson)));
            return Optional.of("answer-" + published.size());
        };
    }

    /** The S3 bucket of received mail, as the receipt rule's S3 action fills it. */
    private byte[] stored(String messageId, int maxBytes) {
        byte[] mail = inbound.get(messageId);
        if (mail == null) {
            throw new MailNotFoundException("s3://inbound/calendar-replies/" + messageId, null);
        }
        if (mail.length > maxBytes) {
            throw new MailTooLargeException(messageId, mail.length, maxBytes);
        }
        return mail;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String interview(String candidateId, String email, String start) {
        return """
                {"toEmail":"%s","fromEmail":"%s","companyName":"Acme","candidateId":"%s",
                 "interview":{"interviewId":"onsite-1","start":"%s","timeZone":"Europe/Berlin"}}"""
                .formatted(email, ORGANIZER, candidateId, start);
    }

    /** Sends {@code detailType} through its interview function; returns the invite's calendar text. */
    private String invite(String eventId, String detailType, String detail) throws Exception {
        HiringHandler function = switch (detailType) {
            case "schedule-interview" -> new ScheduleInterviewHandler(environment);
            case "reschedule-interview" -> new RescheduleInterviewHandler(environment);
            default -> new CancelInterviewHandler(environment);
        };
        invoke(function, envelope(eventId, detailType, detail));
        return Invocations.ics(mailer.sent().get(mailer.sent().size() - 1));
    }

    /** The SES receiving event for {@code mail}, stored under {@code messageId}, received for {@code recipient}. */
    private JsonNode receive(String messageId, byte[] mail, String recipient) throws Exception {
        inbound.put(messageId, mail);
        return handle(sesEvent(messageId, recipient), null);
    }

    private JsonNode handle(String event, LoggingContext context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return JSON.readTree(out.toByteArray()).get("mails").get(0);
    }

    /** As documented: https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda-event.html */
    private static String sesEvent(String messageId, String recipient) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject().put("eventSource", "aws:ses").put("eventVersion", "1.0");
        ObjectNode ses = record.putObject("ses");
        ObjectNode mail = ses.putObject("mail").put("timestamp", "2026-11-26T12:00:00.000Z").put("source", "candidate@example.com")
                .put("messageId", messageId).put("headersTruncated", false);
        mail.putArray("destination").add(recipient);
        ObjectNode receipt = ses.putObject("receipt").put("timestamp", "2026-11-26T12:00:00.000Z").put("processingTimeMillis", 222);
        receipt.putArray("recipients").add(recipient);
        receipt.putObject("spamVerdict").put("status", "PASS");
        receipt.putObject("virusVerdict").put("status", "PASS");
        receipt.putObject("action").put("type", "Lambda").put("invocationType", "Event")
                .put("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:calendar-reply");
        return event.toString();
    }

    private static byte[] reply(String ics, String attendee, PartStat answer) throws Exception {
        return ClientReplies.mail(attendee, ORGANIZER, ClientReplies.replyCalendar(ics, attendee, answer));
    }

    @Test
    void a_calendar_clients_accepted_reply_publishes_interview_confirmed_with_the_invites_detail() throws Exception {
        String ics = invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));

        JsonNode result = receive("ses-1", reply(ics, "ada@example.com", PartStat.ACCEPTED), ORGANIZER);

        assertThat(result.at("/replies/0/outcome").asText()).isEqualTo("CONFIRMED");
        assertThat(published).hasSize(1);
        Published answer = published.get(0);
        assertThat(answer.detailType()).isEqualTo("interview-confirmed");
        assertThat(answer.detail().get("candidateId").asText()).isEqualTo("cand-1");
        assertThat(answer.detail().at("/interview/interviewId").asText()).isEqualTo("onsite-1");
        assertThat(answer.detail().get("inReplyTo").asText()).isEqualTo("event-1");
        assertThat(answer.detail().get("calendarReply")).isEqualTo(JSON.createObjectNode()
                .put("uid", InterviewCalendars.uid("cand-1", "onsite-1")).put("sequence", 0)
                .put("partStat", "ACCEPTED").put("attendee", "ada@example.com"));
    }

    @Test
    void google_calendars_real_reply_confirms_and_outlooks_declines() throws Exception {
        invite("event-g", "schedule-interview", interview("cand-google", "ines.google@example.com", "2026-12-04T09:30:00Z"));
        invite("event-o", "schedule-interview", interview("cand-outlook", "olaf.outlook@example.com", "2026-12-04T09:30:00Z"));

        receive("ses-google", ClientReplies.sample("google-calendar-accepted.eml"), ORGANIZER);
        receive("ses-outlook", ClientReplies.sample("outlook-declined.eml"), ORGANIZER);

        assertThat(published).extracting(p -> p.detailType() + " " + p.detail().get("candidateId").asText())
                .containsExactly("interview-confirmed cand-google", "interview-declined cand-outlook");
    }

    @Test
    void the_same_answer_again_publishes_nothing_and_a_changed_mind_publishes_the_new_answer() throws Exception {
        String ics = invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));

        receive("ses-1", reply(ics, "ada@example.com", PartStat.ACCEPTED), ORGANIZER);
        JsonNode again = receive("ses-2", reply(ics, "ada@example.com", PartStat.ACCEPTED), ORGANIZER);
        JsonNode tentative = receive("ses-3", reply(ics, "ada@example.com", PartStat.TENTATIVE), ORGANIZER);
        receive("ses-4", reply(ics, "ada@example.com", PartStat.DECLINED), ORGANIZER);

        assertThat(again.at("/replies/0/outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(tentative.at("/replies/0/outcome").asText()).isEqualTo("TENTATIVE");
        assertThat(published).extracting(Published::detailType).containsExactly("interview-confirmed", "interview-declined");
    }

    @Test
    void the_same_mail_delivered_twice_is_handled_once() throws Exception {
        String ics = invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));
        receive("ses-1", reply(ics, "ada@example.com", PartStat.ACCEPTED), ORGANIZER);

        JsonNode redelivered = handle(sesEvent("ses-1", ORGANIZER), null);

        assertThat(redelivered.get("replayed").asBoolean()).isTrue();
        assertThat(redelivered.at("/replies/0/outcome").asText()).isEqualTo("CONFIRMED");
        assertThat(published).hasSize(1);
    }

    @Test
    void after_a_reschedule_only_an_answer_to_the_new_sequence_counts() throws Exception {
        String first = invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));
        String moved = invite("event-2", "reschedule-interview", interview("cand-1", "ada@example.com", "2026-12-05T09:30:00Z"));

        JsonNode stale = receive("ses-1", reply(first, "ada@example.com", PartStat.ACCEPTED), ORGANIZER);
        receive("ses-2", reply(moved, "ada@example.com", PartStat.ACCEPTED), ORGANIZER);

        assertThat(stale.at("/replies/0/outcome").asText()).isEqualTo("STALE_SEQUENCE");
        assertThat(published).hasSize(1);
        assertThat(published.get(0).detail().get("inReplyTo").asText()).isEqualTo("event-2");
        assertThat(published.get(0).detail().at("/calendarReply/sequence").asInt()).isEqualTo(1);
        assertThat(published.get(0).detail().at("/interview/start").asText()).isEqualTo("2026-12-05T09:30:00Z");
    }

    @Test
    void a_late_schedule_event_after_a_reschedule_does_not_take_the_invite_back() throws Exception {
        invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));
        String moved = invite("event-2", "reschedule-interview", interview("cand-1", "ada@example.com", "2026-12-05T09:30:00Z"));
        invoke(new ScheduleInterviewHandler(environment), envelope("event-1", "schedule-interview",
                interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z")));

        receive("ses-1", reply(moved, "ada@example.com", PartStat.ACCEPTED), ORGANIZER);

        assertThat(published).extracting(p -> p.detail().get("inReplyTo").asText()).containsExactly("event-2");
    }

    @Test
    void a_reply_to_a_cancelled_an_unknown_or_someone_elses_interview_publishes_nothing() throws Exception {
        String ics = invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));
        String other = invite("event-2", "schedule-interview", interview("cand-2", "grace@example.com", "2026-12-04T09:30:00Z"));
        String cancelled = invite("event-3", "cancel-interview", interview("cand-2", "grace@example.com", "2026-12-04T09:30:00Z"));

        JsonNode stranger = receive("ses-1", reply(ics, "mallory@example.com", PartStat.ACCEPTED), ORGANIZER);
        JsonNode toCancelled = receive("ses-2", reply(cancelled, "grace@example.com", PartStat.ACCEPTED), ORGANIZER);
        JsonNode unknown = receive("ses-3", reply(other.replace(InterviewCalendars.uid("cand-2", "onsite-1"), "no-such@elsewhere"),
                "grace@example.com", PartStat.ACCEPTED), ORGANIZER);
        JsonNode notToOrganizer = receive("ses-4", reply(ics, "ada@example.com", PartStat.ACCEPTED), "someone-else@example.com");

        assertThat(stranger.at("/replies/0/outcome").asText()).isEqualTo("NOT_INVITED");
        assertThat(toCancelled.at("/replies/0/outcome").asText()).isEqualTo("CANCELLED");
        assertThat(unknown.at("/replies/0/outcome").asText()).isEqualTo("UNKNOWN_INTERVIEW");
        assertThat(unknown.at("/replies/0/reason").asText()).contains("no interview has UID no-such@elsewhere");
        assertThat(notToOrganizer.at("/replies/0/outcome").asText()).isEqualTo("NOT_TO_ORGANIZER");
        assertThat(published).isEmpty();
    }

    @Test
    void a_mail_that_is_no_reply_or_too_large_is_answered_invalid_not_retried() throws Exception {
        JsonNode plain = receive("ses-1", "Subject: hello\r\n\r\nJust text.\r\n".getBytes(StandardCharsets.US_ASCII), ORGANIZER);
        JsonNode large = receive("ses-2", new byte[CalendarReplies.MAX_MAIL_BYTES + 1], ORGANIZER);

        assertThat(plain.get("outcome").asText()).isEqualTo("INVALID");
        assertThat(plain.get("reason").asText()).contains("no text/calendar");
        assertThat(large.get("outcome").asText()).isEqualTo("INVALID");
        assertThat(large.get("reason").asText()).contains("expected at most " + CalendarReplies.MAX_MAIL_BYTES);
        assertThat(published).isEmpty();
    }

    @Test
    void a_refused_put_events_is_thrown_and_the_retry_publishes_the_answer() throws Exception {
        String ics = invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));
        busRefuses.set(true);

        assertThatThrownBy(() -> receive("ses-1", reply(ics, "ada@example.com", PartStat.ACCEPTED), ORGANIZER))
                .isInstanceOf(AnswerNotPublishedException.class);
        busRefuses.set(false);
        JsonNode retried = handle(sesEvent("ses-1", ORGANIZER), null);

        assertThat(retried.at("/replies/0/outcome").asText()).isEqualTo("CONFIRMED");
        assertThat(published).extracting(Published::detailType).containsExactly("interview-confirmed");
    }

    @Test
    void a_missing_mail_is_thrown_so_lambda_retries() {
        assertThatThrownBy(() -> handle(sesEvent("ses-missing", ORGANIZER), null))
                .isInstanceOf(MailNotFoundException.class).hasMessageContaining("ses-missing");
    }

    @Test
    void events_of_the_wrong_shape_are_refused_naming_the_field() {
        assertThatThrownBy(() -> handle("{}", null)).isInstanceOf(InvalidReceivingEventException.class)
                .hasMessageContaining("Records is missing");
        assertThatThrownBy(() -> handle(sesEvent("ses-1", ORGANIZER).replace("aws:ses", "aws:sns"), null))
                .isInstanceOf(InvalidReceivingEventException.class).hasMessageContaining("Records[].eventSource is 'aws:sns'");
        assertThatThrownBy(() -> handle(sesEvent("../../secrets", ORGANIZER), null))
                .isInstanceOf(InvalidReceivingEventException.class).hasMessageContaining("Records[].ses.mail.messageId is '../../secrets'");
        assertThatThrownBy(() -> handle("not json", null)).isInstanceOf(InvalidReceivingEventException.class)
                .hasMessageContaining("not the SES receiving event");
        assertThat(published).isEmpty();
    }

    @Test
    void each_decision_is_one_json_log_line() throws Exception {
        String ics = invite("event-1", "schedule-interview", interview("cand-1", "ada@example.com", "2026-12-04T09:30:00Z"));
        inbound.put("ses-1", reply(ics, "ada@example.com", PartStat.ACCEPTED));
        LoggingContext context = new LoggingContext("calendar-reply", "req-1");

        handle(sesEvent("ses-1", ORGANIZER), context);

        List<JsonNode> decisions = context.json().stream().filter(l -> "calendar reply decided".equals(l.path("message").asText())).toList();
        assertThat(decisions).hasSize(1);
        JsonNode line = decisions.get(0);
        assertThat(line.get("function").asText()).isEqualTo("calendar-reply");
        assertThat(line.get("messageId").asText()).isEqualTo("ses-1");
        assertThat(line.get("outcome").asText()).isEqualTo("CONFIRMED");
        assertThat(line.get("eventId").asText()).isEqualTo("answer-1");
    }
}
