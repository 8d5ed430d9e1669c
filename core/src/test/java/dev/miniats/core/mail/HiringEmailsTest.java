package dev.miniats.core.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class HiringEmailsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static HiringEvent event(String name) throws Exception {
        var detail = new ObjectMapper().createObjectNode()
                .put("toEmail", "ada@example.com").put("fromEmail", "talent@example.com")
                .put("companyName", "Criteria Corp Testing").put("candidateName", name);
        return HiringEvents.parse(detail, CLOCK);
    }

    @Test
    void the_assessment_email_names_company_candidate_and_due_date() throws Exception {
        EmailContent email = new HiringEmails(EmailTemplates.builtIn()).assessment(event("Ada"));

        assertThat(email.subject()).isEqualTo("Criteria Corp Testing: your assessment is ready, Ada");
        assertThat(email.text()).contains("Hello Ada,", "Criteria Corp Testing", "Thursday, 3 December 2026");
        assertThat(email.html()).contains("<strong>Thursday, 3 December 2026</strong>");
    }

    @Test
    void a_role_mailbox_is_greeted_without_inventing_a_name_from_it() throws Exception {
        var detail = new ObjectMapper().createObjectNode()
                .put("toEmail", "email@criteriacorp.com").put("fromEmail", "talent@example.com").put("companyName", "Criteria Corp Testing");
        HiringEvent event = HiringEvents.parse(detail, CLOCK);
        HiringEmails emails = new HiringEmails(EmailTemplates.builtIn());

        EmailContent assessment = emails.assessment(event);
        assertThat(assessment.subject()).isEqualTo("Criteria Corp Testing: your assessment is ready");
        assertThat(assessment.text()).startsWith("Hello,").doesNotContain("Hello Email");
        assertThat(assessment.html()).contains("<p>Hello,</p>");
        assertThat(emails.offer(event).text()).startsWith("Hello,");
        assertThat(event.detail().candidateName()).isEqualTo("email@criteriacorp.com");
    }

    @Test
    void a_personal_address_still_reads_as_a_name() throws Exception {
        var detail = new ObjectMapper().createObjectNode()
                .put("toEmail", "ada.lovelace@example.com").put("fromEmail", "talent@example.com").put("companyName", "Criteria Corp Testing");
        EmailContent assessment = new HiringEmails(EmailTemplates.builtIn()).assessment(HiringEvents.parse(detail, CLOCK));
        assertThat(assessment.subject()).endsWith(", Ada Lovelace");
        assertThat(assessment.text()).startsWith("Hello Ada Lovelace,");
    }

    @Test
    void a_script_in_a_name_is_text_in_html_and_verbatim_in_plain_text() throws Exception {
        EmailContent email = new HiringEmails(EmailTemplates.builtIn()).offer(event("<script>alert(1)</script>"));

        assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(email.text()).contains("Hello <script>alert(1)</script>,");
    }

    @Test
    void a_company_template_in_the_override_directory_wins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("send-assessment.subject.mustache"), "Welcome {{candidateName}}!");
        EmailContent email = new HiringEmails(EmailTemplates.withOverrides(dir)).assessment(event("Ada"));

        assertThat(email.subject()).isEqualTo("Welcome Ada!");
        assertThat(email.text()).contains("Hello Ada,");
    }

    @Test
    void every_built_in_email_renders() throws Exception {
        HiringEmails emails = new HiringEmails(EmailTemplates.builtIn());
        HiringEvent event = event("Ada");
        assertThat(emails.interview(event).subject()).isEqualTo("Interview with Criteria Corp Testing: Friday, 27 November 2026 at 10:00 UTC");
        assertThat(emails.offer(event).text()).contains("the position you applied for", "Thursday, 10 December 2026");
        assertThat(emails.rescheduledInterview(event).subject()).isEqualTo("Interview with Criteria Corp Testing moved to Friday, 27 November 2026 at 10:00 UTC");
        assertThat(emails.cancelledInterview(event).subject()).isEqualTo("Cancelled: interview with Criteria Corp Testing on Friday, 27 November 2026");
        assertThat(emails.cancelledInterview(event).html()).contains("has been cancelled");
    }
}
