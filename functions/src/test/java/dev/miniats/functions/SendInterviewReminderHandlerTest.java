package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.mail.RawEmail;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.miniats.functions.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

class SendInterviewReminderHandlerTest {
    private static final String INTERVIEW = """
            {"toEmail":"ada@example.com","fromEmail":"talent@example.com","companyName":"Acme","candidateId":"cand-1",
             "candidateName":"Ada Lovelace","interview":{"interviewId":"int-7","start":"%s","timeZone":"Europe/Berlin",
             "meetingLink":"https://meet.example.com/abc","interviewers":["Grace Hopper"]}}""";

    private final RecordingMailer mailer = new RecordingMailer();
    private final SendInterviewReminderHandler reminder = new SendInterviewReminderHandler(Invocations.environment(mailer));

    private static String raw(RawEmail email) {
        return new String(email.mime(), StandardCharsets.UTF_8);
    }

    @Test
    void a_schedule_that_fires_twice_sends_the_candidate_one_reminder_and_the_hiring_team_one_brief() throws Exception {
        JsonNode first = invoke(reminder, INTERVIEW.formatted("2026-12-04T09:30:00Z"));
        JsonNode again = invoke(reminder, INTERVIEW.formatted("2026-12-04T09:30:00Z"));

        assertThat(mailer.sent()).hasSize(2);
        assertThat(raw(mailer.sent().get(0))).contains("To: Ada Lovelace <ada@example.com>").contains("Reminder: your interview with Acme")
                .contains("10:30"); // 09:30 UTC shown in the candidate's zone
        assertThat(raw(mailer.sent().get(1))).contains("To: Acme hiring team <talent@example.com>").contains("Interview brief: Ada Lovelace")
                .contains("Grace Hopper");
        assertThat(again.get("replayed").asBoolean()).isTrue();
        assertThat(again.get("messageId").asText()).isEqualTo(first.get("messageId").asText());
    }

    @Test
    void a_moved_interview_gets_its_own_reminder() throws Exception {
        invoke(reminder, INTERVIEW.formatted("2026-12-04T09:30:00Z"));
        invoke(reminder, INTERVIEW.formatted("2026-12-05T09:30:00Z"));

        assertThat(mailer.sent()).hasSize(4);
    }
}
