package dev.miniats.functions;

import com.github.mustachejava.MustacheException;
import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.core.mail.HiringEmails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailRenderingTest {
    @TempDir
    Path templates;

    @Test
    void renders_the_three_kinds_of_mail_and_sends_none() {
        RecordingMailer mailer = new RecordingMailer();

        long bytes = MailRendering.rehearse(Invocations.environment(mailer));

        // the offer letter's PDF alone, base64-encoded, is several kilobytes
        assertThat(bytes).isGreaterThan(10_000);
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void a_broken_template_of_the_users_fails_the_rehearsal_naming_it() throws Exception {
        Files.writeString(templates.resolve("send-assessment.subject.mustache"), "Your assessment {{#open}}");
        FunctionEnvironment environment = Invocations.environment(new RecordingMailer())
                .withEmails(new HiringEmails(EmailTemplates.withOverrides(templates)));

        assertThatThrownBy(() -> MailRendering.rehearse(environment))
                .isInstanceOf(MustacheException.class).hasMessageContaining("send-assessment.subject.mustache");
    }
}
