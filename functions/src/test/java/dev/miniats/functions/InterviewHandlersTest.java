package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.PermanentFailure;
import dev.miniats.core.calendar.InterviewCalendars;
import dev.miniats.core.idempotency.IdempotencyInProgressException;
import dev.miniats.core.idempotency.IdempotencyKeyMismatchException;
import dev.miniats.core.mail.MailUnavailableException;
import dev.miniats.core.mail.RawEmail;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ITIPValidator;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.miniats.functions.Invocations.envelope;
import static dev.miniats.functions.Invocations.ics;
import static dev.miniats.functions.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterviewHandlersTest {
    private static final String INTERVIEW = """
            {"toEmail":"ada@example.com","fromEmail":"talent@example.com","companyName":"Acme","candidateId":"cand-1",
             "candidateName":"Ada Lovelace","interview":{"interviewId":"int-7","start":"%s","timeZone":"%s",
             "meetingLink":"https://meet.example.com/abc","interviewers":["Grace Hopper"]}}""";

    private final RecordingMailer mailer = new RecordingMailer();
    private final FunctionEnvironment environment = Invocations.environment(mailer);
    private final ScheduleInterviewHandler schedule = new ScheduleInterviewHandler(environment);
    private final RescheduleInterviewHandler reschedule = new RescheduleInterviewHandler(environment);
    private final CancelInterviewHandler cancel = new CancelInterviewHandler(environment);

    private static String interview(String start) {
        return INTERVIEW.formatted(start, "UTC");
    }

    private static Calendar validInvite(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        ValidationResult result = new ITIPValidator().validate(calendar);
        assertThat(result.hasErrors()).as(result.toString()).isFalse();
        return calendar;
    }

    @Test
    void schedule_interview_twice_for_the_same_interview_sends_one_invite() throws Exception {
        JsonNode first = invoke(schedule, envelope("e-1", "schedule-interview", interview("2026-12-01T15:00:00Z")));
        JsonNode second = invoke(schedule, envelope("e-2", "schedule-interview", interview("2026-12-01T15:00:00Z")));

        assertThat(mailer.sent()).hasSize(1);
        assertThat(first.get("replayed").asBoolean()).isFalse();
        assertThat(second.get("replayed").asBoolean()).isTrue();
        assertThat(second.get("messageId")).isEqualTo(first.get("messageId"));
        assertThat(second.get("eventId").asText()).isEqualTo("e-2");
    }

    @Test
    void fifty_concurrent_schedules_with_different_event_ids_send_one_invite() throws Exception {
        mailer.delayEachSend(100);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String event = envelope("e-" + i, "schedule-interview", interview("2026-12-01T15:00:00Z"));
                calls.add(pool.submit(() -> {
                    start.await();
                    return invoke(schedule, event);
                }));
            }
            start.countDown();
            int fresh = 0;
            int replayed = 0;
            int toRetry = 0;
            for (Future<JsonNode> call : calls) {
                try {
                    JsonNode result = call.get(60, TimeUnit.SECONDS);
                    if (result.get("replayed").asBoolean()) {
                        replayed++;
                    } else {
                        fresh++;
                    }
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IdempotencyInProgressException.class).isNotInstanceOf(PermanentFailure.class);
                    toRetry++;
                }
            }
            assertThat(mailer.sent()).hasSize(1);
            assertThat(fresh).isEqualTo(1);
            assertThat(replayed + toRetry).isEqualTo(49);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scheduling_the_same_interview_at_another_time_is_refused_advising_reschedule() throws Exception {
        invoke(schedule, envelope("e-1", "schedule-interview", interview("2026-12-01T15:00:00Z")));

        assertThatThrownBy(() -> invoke(schedule, envelope("e-2", "schedule-interview", interview("2026-12-01T16:00:00Z"))))
                .isInstanceOf(IdempotencyKeyMismatchException.class).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("send reschedule-interview");
        assertThat(mailer.sent()).hasSize(1);
    }

    @Test
    void schedule_reschedule_and_cancel_share_one_uid_with_rising_sequence() throws Exception {
        invoke(schedule, envelope("e-1", "schedule-interview", interview("2026-12-01T15:00:00Z")));
        invoke(reschedule, envelope("e-2", "reschedule-interview", interview("2026-12-02T09:30:00Z")));
        invoke(reschedule, envelope("e-3", "reschedule-interview", interview("2026-12-02T09:30:00Z")));
        invoke(cancel, envelope("e-4", "cancel-interview", interview("2026-12-02T09:30:00Z")));

        List<RawEmail> sent = mailer.sent();
        assertThat(sent).hasSize(3);
        String uid = InterviewCalendars.uid("cand-1", "int-7");
        String[] methods = {"REQUEST", "REQUEST", "CANCEL"};
        String[] starts = {"2026-12-01T15:00:00.000Z", "2026-12-02T09:30:00.000Z", "2026-12-02T09:30:00.000Z"};
        for (int i = 0; i < 3; i++) {
            String ics = ics(sent.get(i));
            validInvite(ics);
            JsonNode parsed = IcalJs.parse(ics);
            assertThat(parsed.get("uid").asText()).isEqualTo(uid);
            assertThat(parsed.get("sequence").asInt()).isEqualTo(i);
            assertThat(parsed.get("method").asText()).isEqualTo(methods[i]);
            assertThat(parsed.get("dtstart").asText()).isEqualTo(starts[i]);
            assertThat(new ContentType(Invocations.calendarPart(sent.get(i)).getContentType()).getParameter("method")).isEqualTo(methods[i]);
        }
        assertThat(IcalJs.parse(ics(sent.get(2))).get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void an_invite_in_a_named_zone_reads_the_same_instant_in_ical_js() throws Exception {
        invoke(schedule, envelope("e-1", "schedule-interview", INTERVIEW.formatted("2026-12-01T15:00:00Z", "America/New_York")));

        String ics = ics(mailer.sent().get(0));
        validInvite(ics);
        JsonNode parsed = IcalJs.parse(ics);
        assertThat(parsed.get("tzid").asText()).isEqualTo("America/New_York");
        assertThat(parsed.get("dtstart").asText()).isEqualTo("2026-12-01T15:00:00.000Z");
    }

    @Test
    void an_invite_email_is_mixed_alternatives_plus_invite_ics() throws Exception {
        invoke(schedule, envelope("e-1", "schedule-interview", interview("2026-12-01T15:00:00Z")));

        MimeMultipart mixed = (MimeMultipart) Invocations.open(mailer.sent().get(0)).getContent();
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(new ContentType(alternative.getBodyPart(0).getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(new ContentType(alternative.getBodyPart(1).getContentType()).getBaseType()).isEqualTo("text/html");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("invite.ics");
        assertThat(new ContentType(mixed.getBodyPart(1).getContentType()).getBaseType()).isEqualTo("application/ics");
    }

    @Test
    void a_failed_send_releases_the_key_so_the_retry_sends() throws Exception {
        mailer.failNext(1);
        String event = envelope("e-1", "schedule-interview", interview("2026-12-01T15:00:00Z"));

        assertThatThrownBy(() -> invoke(schedule, event)).isInstanceOf(MailUnavailableException.class).isNotInstanceOf(PermanentFailure.class);
        JsonNode retried = invoke(schedule, event);

        assertThat(retried.get("replayed").asBoolean()).isFalse();
        assertThat(mailer.sent()).hasSize(1);
    }

    @Test
    void an_event_of_another_detail_type_is_refused_permanently() {
        assertThatThrownBy(() -> invoke(cancel, envelope("e-1", "schedule-interview", interview("2026-12-01T15:00:00Z"))))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("detail-type");
    }
}
