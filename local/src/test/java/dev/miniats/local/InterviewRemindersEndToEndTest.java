package dev.miniats.local;

import dev.miniats.functions.internal.SchedulerReminders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Interview reminders: schedule-interview creates a one-time EventBridge Scheduler schedule a day
 * before the interview, in the candidate's time zone; it fires (time scaled), survives a restart,
 * moves with a reschedule and disappears with a cancellation. Read back with the SDK's Scheduler
 * client and the mailboxes over IMAP.
 */
@Tag("e2e")
class InterviewRemindersEndToEndTest {
    /** One real hour waits 7.2 seconds. */
    private static final double SCALE = 0.002;
    private static final String GROUP = "mini-ats";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private TestRuntime ats;

    @AfterEach
    void stop() {
        if (ats != null) {
            ats.close();
        }
    }

    private void put(String detailType, String candidateId, String email, Instant start) {
        String detail = "{\"toEmail\":\"" + email + "\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\",\"candidateId\":\""
                + candidateId + "\",\"interview\":{\"interviewId\":\"onsite-1\",\"start\":\"" + start + "\",\"timeZone\":\"Europe/Berlin\","
                + "\"interviewers\":[\"Grace Hopper\"]}}";
        var response = ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType(detailType)
                .eventBusName("mini-ats").detail(detail).build()));
        assertThat(response.failedEntryCount()).isZero();
    }

    private SchedulerClient scheduler() {
        return SchedulerClient.builder().endpointOverride(ats.runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private GetScheduleResponse reminder(String candidateId) {
        try (SchedulerClient scheduler = scheduler()) {
            return scheduler.getSchedule(r -> r.groupName(GROUP).name(SchedulerReminders.scheduleName(candidateId, "onsite-1")));
        }
    }

    private boolean hasReminder(String candidateId) {
        try {
            reminder(candidateId);
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private List<String> subjects(String address) {
        return new Mailbox("127.0.0.1", ats.runtime.imapPort()).inbox(address).stream().map(Mailbox.Mail::subject).toList();
    }

    private static String at(Instant interview) {
        return "at(" + DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(LocalDateTime.ofInstant(interview.minus(Duration.ofHours(24)), BERLIN)) + ")";
    }

    private static Instant inHours(double hours) {
        return Instant.now().plus(Duration.ofHours(24)).plusSeconds(Math.round(hours * 3600)).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void scheduling_an_interview_sets_a_reminder_a_day_before_in_the_candidates_zone_that_fires_at_its_time() {
        ats = TestRuntime.start(SCALE);
        Instant start = inHours(0.5); // the reminder is due in 30 minutes: 3.6 scaled seconds

        put("schedule-interview", "cand-fires", "fires@example.com", start);

        await().atMost(Duration.ofSeconds(20)).until(() -> hasReminder("cand-fires") || !subjects("fires@example.com").isEmpty());
        if (hasReminder("cand-fires")) {
            GetScheduleResponse schedule = reminder("cand-fires");
            assertThat(schedule.scheduleExpression()).isEqualTo(at(start));
            assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("Europe/Berlin");
            assertThat(schedule.actionAfterCompletionAsString()).isEqualTo("DELETE");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> subjects("fires@example.com").stream().anyMatch(s -> s.startsWith("Reminder:")));
        await().atMost(Duration.ofSeconds(10)).until(() -> subjects("talent@example.com").stream().anyMatch(s -> s.startsWith("Interview brief:")));
        assertThat(subjects("fires@example.com")).filteredOn(s -> s.startsWith("Reminder:")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hasReminder("cand-fires")); // ActionAfterCompletion DELETE
    }

    @Test
    void a_reminder_survives_a_restart_before_it_is_due() {
        ats = TestRuntime.start(SCALE);
        Instant start = inHours(1.5); // due in 90 minutes: 10.8 scaled seconds
        put("schedule-interview", "cand-restart", "restart@example.com", start);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasReminder("cand-restart"));
        assertThat(subjects("restart@example.com")).noneMatch(s -> s.startsWith("Reminder:"));

        ats.close();
        ats = ats.restart();

        assertThat(reminder("cand-restart").scheduleExpression()).isEqualTo(at(start));
        await().atMost(Duration.ofSeconds(40)).until(() -> subjects("restart@example.com").stream().anyMatch(s -> s.startsWith("Reminder:")));
    }

    @Test
    void rescheduling_moves_the_reminder_and_cancelling_deletes_it() {
        ats = TestRuntime.start(SCALE);
        Instant first = inHours(10); // due in 10 hours: 72 scaled seconds, longer than this test waits
        put("schedule-interview", "cand-moves", "moves@example.com", first);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasReminder("cand-moves"));
        assertThat(reminder("cand-moves").scheduleExpression()).isEqualTo(at(first));

        Instant moved = inHours(0.5);
        put("reschedule-interview", "cand-moves", "moves@example.com", moved);
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects("moves@example.com").stream().anyMatch(s -> s.startsWith("Reminder:")));

        Instant later = inHours(10);
        put("schedule-interview", "cand-gone", "gone@example.com", later);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasReminder("cand-gone"));
        put("cancel-interview", "cand-gone", "gone@example.com", later);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hasReminder("cand-gone"));
        assertThatThrownBy(() -> reminder("cand-gone")).isInstanceOf(ResourceNotFoundException.class);
    }
}
