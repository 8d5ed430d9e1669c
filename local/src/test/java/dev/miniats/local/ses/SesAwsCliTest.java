package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real AWS CLI v2 ({@code aws ses}, {@code aws sesv2}) against a runtime in the SES sandbox,
 * checked in the IMAP inbox. The sender's and recipients' domains are verified with the CLI first.
 */
@Tag("e2e")
class SesAwsCliTest {
    private static final String AWS = "/usr/bin/aws";

    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().sesSandbox(true).build());
        aws("ses", "verify-domain-identity", "--domain", "acme.example");
        aws("sesv2", "create-email-identity", "--email-identity", "candidates.example");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aws_ses_send_email_reaches_the_inbox() throws Exception {
        JsonNode answer = aws("ses", "send-email", "--from", "Recruiter <hr@acme.example>", "--to", "cli-v1@candidates.example",
                "--subject", "Assessment für Sie", "--text", "Please take the assessment.");
        MimeMessage received = Mailbox.await(runtime.imapPort(), "cli-v1@candidates.example", 1).get(0);
        assertThat(received.getSubject()).isEqualTo("Assessment für Sie");
        assertThat(received.getMessageID()).contains(answer.get("MessageId").asText());
    }

    @Test
    void aws_ses_send_raw_email_reaches_the_destinations() throws Exception {
        String raw = "From: hr@acme.example\r\nTo: cli-raw-header@candidates.example\r\nSubject: cli raw\r\n\r\nraw body\r\n";
        aws("ses", "send-raw-email", "--raw-message", "Data=" + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII)),
                "--destinations", "cli-raw@candidates.example");
        assertThat(Mailbox.await(runtime.imapPort(), "cli-raw@candidates.example", 1).get(0).getSubject()).isEqualTo("cli raw");
    }

    @Test
    void aws_sesv2_send_email_delivers_simple_and_raw_content() throws Exception {
        aws("sesv2", "send-email", "--from-email-address", "hr@acme.example", "--destination", "ToAddresses=cli-v2@candidates.example",
                "--content", "Simple={Subject={Data=cli v2 simple},Body={Text={Data=hello from sesv2}}}");
        String raw = "From: hr@acme.example\r\nTo: cli-v2@candidates.example\r\nSubject: cli v2 raw\r\n\r\nraw\r\n";
        aws("sesv2", "send-email", "--content", "Raw={Data=" + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII)) + "}");

        List<MimeMessage> inbox = Mailbox.await(runtime.imapPort(), "cli-v2@candidates.example", 2);
        assertThat(inbox).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder("cli v2 simple", "cli v2 raw");
    }

    @Test
    void aws_ses_and_sesv2_identity_commands_share_one_set_of_identities() throws Exception {
        aws("ses", "verify-email-identity", "--email-address", "cli-sender@acme.example");
        aws("ses", "verify-domain-identity", "--domain", "cli.example");
        aws("sesv2", "create-email-identity", "--email-identity", "cli-v2-sender@acme.example");

        assertThat(aws("ses", "list-identities").get("Identities")).extracting(JsonNode::asText)
                .contains("cli-sender@acme.example", "cli.example", "cli-v2-sender@acme.example");
        assertThat(aws("ses", "get-identity-verification-attributes", "--identities", "cli.example")
                .at("/VerificationAttributes/cli.example/VerificationStatus").asText()).isEqualTo("Success");
        assertThat(aws("sesv2", "get-email-identity", "--email-identity", "cli-sender@acme.example").get("IdentityType").asText())
                .isEqualTo("EMAIL_ADDRESS");
        assertThat(aws("sesv2", "list-email-identities").get("EmailIdentities")).extracting(i -> i.get("IdentityName").asText())
                .contains("cli-sender@acme.example", "cli.example");

        aws("ses", "delete-identity", "--identity", "cli-sender@acme.example");
        aws("sesv2", "delete-email-identity", "--email-identity", "cli.example");
        assertThat(aws("ses", "list-identities").get("Identities")).extracting(JsonNode::asText)
                .doesNotContain("cli-sender@acme.example", "cli.example");
        assertThat(aws("ses", "get-send-quota").get("Max24HourSend").asDouble()).isPositive();
    }

    @Test
    void in_the_sandbox_a_recipient_gets_mail_only_while_verified() throws Exception {
        String[] send = {"ses", "send-email", "--from", "hr@acme.example", "--to", "gated@gate.example", "--subject", "gated", "--text", "x"};
        assertThat(awsFailing(send)).contains("MessageRejected").contains("gated@gate.example");

        aws("ses", "verify-email-identity", "--email-address", "gated@gate.example");
        aws(send);
        assertThat(Mailbox.await(runtime.imapPort(), "gated@gate.example", 1).get(0).getSubject()).isEqualTo("gated");

        aws("ses", "delete-identity", "--identity", "gated@gate.example");
        assertThat(awsFailing(send)).contains("MessageRejected");
        assertThat(aws("sesv2", "get-account").get("ProductionAccessEnabled").asBoolean()).isFalse();
    }

    @Test
    void aws_ses_template_commands_create_read_update_list_render_send_and_delete_a_template() throws Exception {
        aws("ses", "create-template", "--template",
                "{\"TemplateName\":\"CliOffer\",\"SubjectPart\":\"Offer for {{name}}\",\"TextPart\":\"Hello {{name}}\"}");
        aws("ses", "create-template", "--template", "{\"TemplateName\":\"CliOther\",\"SubjectPart\":\"Other\",\"TextPart\":\"x\"}");
        assertThat(aws("ses", "get-template", "--template-name", "CliOffer").at("/Template/SubjectPart").asText()).isEqualTo("Offer for {{name}}");

        aws("ses", "update-template", "--template", "{\"TemplateName\":\"CliOffer\",\"SubjectPart\":\"Updated offer for {{name}}\","
                + "\"TextPart\":\"Hello {{name}}\",\"HtmlPart\":\"<p>Hello {{name}}</p>\"}");
        JsonNode updated = aws("ses", "get-template", "--template-name", "CliOffer").get("Template");
        assertThat(updated.get("SubjectPart").asText()).isEqualTo("Updated offer for {{name}}");
        assertThat(updated.get("HtmlPart").asText()).isEqualTo("<p>Hello {{name}}</p>");

        // a page of one at a time: the CLI follows NextToken until the list ends
        assertThat(aws("ses", "list-templates", "--page-size", "1").get("TemplatesMetadata")).extracting(t -> t.get("Name").asText())
                .contains("CliOffer", "CliOther");
        JsonNode firstPage = aws("ses", "list-templates", "--no-paginate", "--cli-input-json", "{\"MaxItems\":1}");
        assertThat(firstPage.get("TemplatesMetadata")).hasSize(1);
        assertThat(firstPage.get("NextToken").asText()).isNotBlank();

        assertThat(aws("ses", "test-render-template", "--template-name", "CliOffer", "--template-data", "{\"name\":\"Ada\"}")
                .get("RenderedTemplate").asText()).contains("Subject: Updated offer for Ada").contains("<p>Hello Ada</p>");
        String[] send = {"ses", "send-templated-email", "--source", "hr@acme.example", "--destination", "ToAddresses=cli-tpl@candidates.example",
                "--template", "CliOffer", "--template-data", "{\"name\":\"Ada & Co\"}"};
        aws(send);
        MimeMessage received = Mailbox.await(runtime.imapPort(), "cli-tpl@candidates.example", 1).get(0);
        assertThat(received.getSubject()).isEqualTo("Updated offer for Ada & Co");
        assertThat(((jakarta.mail.Multipart) received.getContent()).getBodyPart(1).getContent().toString()).contains("<p>Hello Ada &amp; Co</p>");

        aws("ses", "delete-template", "--template-name", "CliOffer");
        assertThat(awsFailing("ses", "get-template", "--template-name", "CliOffer")).contains("TemplateDoesNotExist");
        assertThat(awsFailing("ses", "update-template", "--template", "{\"TemplateName\":\"CliOffer\",\"SubjectPart\":\"x\"}"))
                .contains("TemplateDoesNotExist");
        assertThat(awsFailing(send)).contains("TemplateDoesNotExist").contains("CliOffer");
        aws("ses", "delete-template", "--template-name", "CliOffer"); // SES documents no error for deleting a missing template
        assertThat(aws("ses", "list-templates").get("TemplatesMetadata")).extracting(t -> t.get("Name").asText())
                .contains("CliOther").doesNotContain("CliOffer");
    }

    private static JsonNode aws(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exit()).as("aws %s failed: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout().isBlank() ? SesHttp.JSON.createObjectNode() : SesHttp.JSON.readTree(result.stdout());
    }

    /** Runs a command that must fail; returns what the CLI printed on stderr. */
    private static String awsFailing(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exit()).as("aws %s should have failed", String.join(" ", args)).isNotZero();
        return result.stderr();
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS, "--endpoint-url", runtime.endpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        // Keep the user's profiles and credentials out of the test.
        env.put("AWS_CONFIG_FILE", dataDir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dataDir.resolve("no-aws-credentials").toString());
        Path err = Files.createTempFile(dataDir, "aws", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("aws %s finished", String.join(" ", args)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }
}
