package dev.miniats.local.ses;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refused requests, in a runtime in the SES sandbox: each gets SES's error code in its
 * protocol's shape, nothing is stored, and the runtime keeps serving.
 */
class SesErrorsTest {
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static URI endpoint;
    static SesClient ses;
    static SesV2Client sesV2;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().sesSandbox(true).build());
        endpoint = runtime.endpoint();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        ses = SesClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        sesV2 = SesV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        ses.verifyDomainIdentity(r -> r.domain("verified.example"));
        ses.verifyEmailIdentity(r -> r.emailAddress("candidate@elsewhere.example"));
    }

    @AfterAll
    static void stop() {
        ses.close();
        sesV2.close();
        runtime.close();
    }

    @Test
    void the_sandbox_rejects_unverified_senders_and_recipients_with_ses_s_message_in_query_xml() {
        long before = runtime.mailStore().count();
        HttpResponse<String> response = SesHttp.query(endpoint, form("Action", "SendEmail", "Version", "2010-12-01",
                "Source", "hr@unverified.example", "Destination.ToAddresses.member.1", "someone@nowhere.example",
                "Message.Subject.Data", "hi", "Message.Body.Text.Data", "hi"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(response.body()).contains("<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">")
                .contains("<Type>Sender</Type>", "<Code>MessageRejected</Code>", "<RequestId>")
                .contains("Email address is not verified. The following identities failed the check in region US-EAST-1: "
                        + "hr@unverified.example, someone@nowhere.example");
        assertThat(runtime.mailStore().count()).isEqualTo(before);
    }

    @Test
    void the_sandbox_accepts_a_sender_at_a_verified_domain_writing_to_a_verified_address() {
        String id = ses.sendEmail(r -> r.source("Recruiting <hr@jobs.verified.example>").destination(d -> d.toAddresses("candidate@elsewhere.example"))
                .message(m -> m.subject(s -> s.data("ok")).body(b -> b.text(t -> t.data("ok"))))).messageId();
        assertThat(runtime.mailStore().get(id)).isPresent();
    }

    @Test
    void the_sandbox_rejects_an_unverified_bcc_recipient_through_both_sdks() {
        assertThatThrownBy(() -> ses.sendEmail(r -> r.source("hr@verified.example")
                .destination(d -> d.toAddresses("candidate@elsewhere.example").bccAddresses("spy@unverified.example"))
                .message(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("x"))))))
                .isInstanceOf(MessageRejectedException.class).hasMessageContaining("spy@unverified.example");
        assertThatThrownBy(() -> sesV2.sendEmail(r -> r.fromEmailAddress("hr@verified.example")
                .destination(d -> d.toAddresses("spy@unverified.example"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("x")))))))
                .isInstanceOf(software.amazon.awssdk.services.sesv2.model.MessageRejectedException.class)
                .hasMessageContaining("Email address is not verified");
    }

    @Test
    @Tag("e2e")
    void messages_over_10_mb_are_rejected_by_ses_v1_but_accepted_by_ses_v2_up_to_40_mb() {
        long before = runtime.mailStore().count();
        byte[] eleven = rawMessage(11 * 1024 * 1024);
        assertThatThrownBy(() -> ses.sendRawEmail(r -> r.rawMessage(m -> m.data(SdkBytes.fromByteArray(eleven)))))
                .isInstanceOf(MessageRejectedException.class).hasMessageContaining("10485760");
        assertThat(runtime.mailStore().count()).isEqualTo(before);

        sesV2.sendEmail(r -> r.content(c -> c.raw(m -> m.data(SdkBytes.fromByteArray(eleven)))));
        assertThat(runtime.mailStore().count()).isEqualTo(before + 1);

        byte[] fortyOne = rawMessage(41 * 1024 * 1024);
        assertThatThrownBy(() -> sesV2.sendEmail(r -> r.content(c -> c.raw(m -> m.data(SdkBytes.fromByteArray(fortyOne))))))
                .isInstanceOf(software.amazon.awssdk.services.sesv2.model.MessageRejectedException.class);
        assertThat(runtime.mailStore().count()).isEqualTo(before + 1);
    }

    @Test
    void malformed_requests_get_aws_errors_store_nothing_and_the_runtime_keeps_serving() {
        long before = runtime.mailStore().count();

        assertQueryError(form("Action", "SendEmail", "Version", "2010-12-01", "Source", "hr@verified.example"), "MissingParameter");
        assertQueryError("Action=SendEmail&Source=%zz", "MalformedQueryString");
        assertQueryError(form("Action", "SendRawEmail", "RawMessage.Data", "!!! not base64 !!!"), "InvalidParameterValue");
        assertQueryError(form("Action", "SendEmail", "Source", "hr@verified.example\r\nBcc: evil@verified.example",
                "Destination.ToAddresses.member.1", "candidate@elsewhere.example",
                "Message.Subject.Data", "x", "Message.Body.Text.Data", "x"), "InvalidParameterValue");
        assertQueryError(form("Action", "SendEmail", "Source", "hr@verified.example",
                "Destination.ToAddresses.member.1", "candidate@elsewhere.example", "Message.Subject.Data", "x"), "InvalidParameterValue");
        assertQueryError(form("Action", "LaunchRockets", "Version", "2010-12-01"), "InvalidAction");
        assertQueryError(form("Version", "2010-12-01"), "MissingAction");

        assertRestError("{\"Content\": {", 400, "SerializationException");
        assertRestError("{\"FromEmailAddress\":\"hr@verified.example\",\"Destination\":{\"ToAddresses\":[\"candidate@elsewhere.example\\r\\nBcc: x@y.example\"]},"
                + "\"Content\":{\"Simple\":{\"Subject\":{\"Data\":\"x\"},\"Body\":{\"Text\":{\"Data\":\"x\"}}}}}", 400, "BadRequestException");
        assertRestError("{\"Content\":{\"Raw\":{\"Data\":\"%%%\"}}}", 400, "BadRequestException");
        assertRestError("{\"Content\":{\"Raw\":{\"Data\":\"" + Base64.getEncoder().encodeToString("no headers at all".getBytes(StandardCharsets.US_ASCII))
                + "\"}}}", 400, "MessageRejected");
        assertRestError("{\"FromEmailAddress\":\"hr@verified.example\",\"Destination\":{\"ToAddresses\":[\"candidate@elsewhere.example\"]},"
                + "\"Content\":{\"Template\":{\"TemplateName\":\"NoSuchTemplate\",\"TemplateData\":\"{}\"}}}", 404, "NotFoundException");
        assertRestError("{}", 400, "BadRequestException");

        assertThat(runtime.mailStore().count()).isEqualTo(before);
        String id = ses.sendEmail(r -> r.source("hr@verified.example").destination(d -> d.toAddresses("candidate@elsewhere.example"))
                .message(m -> m.subject(s -> s.data("still serving")).body(b -> b.text(t -> t.data("yes"))))).messageId();
        assertThat(runtime.mailStore().get(id)).isPresent();
    }

    @Test
    void an_unknown_template_is_template_does_not_exist_in_ses_v1_and_not_found_in_ses_v2() {
        assertThatThrownBy(() -> ses.getTemplate(r -> r.templateName("NoSuchTemplate")))
                .isInstanceOf(software.amazon.awssdk.services.ses.model.TemplateDoesNotExistException.class)
                .hasMessageContaining("Template NoSuchTemplate does not exist.");
        assertThatThrownBy(() -> ses.sendTemplatedEmail(r -> r.source("hr@verified.example").template("NoSuchTemplate").templateData("{}")
                .destination(d -> d.toAddresses("candidate@elsewhere.example"))))
                .isInstanceOf(software.amazon.awssdk.services.ses.model.TemplateDoesNotExistException.class);
        assertQueryError(form("Action", "UpdateTemplate", "Version", "2010-12-01", "Template.TemplateName", "NoSuchTemplate",
                "Template.SubjectPart", "x"), "TemplateDoesNotExist");
        assertQueryError(form("Action", "TestRenderTemplate", "Version", "2010-12-01", "TemplateName", "NoSuchTemplate",
                "TemplateData", "{}"), "TemplateDoesNotExist");

        assertThatThrownBy(() -> sesV2.getEmailTemplate(r -> r.templateName("NoSuchTemplate")))
                .isInstanceOf(software.amazon.awssdk.services.sesv2.model.NotFoundException.class);
        assertThatThrownBy(() -> sesV2.deleteEmailTemplate(r -> r.templateName("NoSuchTemplate")))
                .isInstanceOf(software.amazon.awssdk.services.sesv2.model.NotFoundException.class);
    }

    @Test
    void list_templates_refuses_a_page_size_below_one_and_caps_one_above_a_hundred() {
        assertQueryError(form("Action", "ListTemplates", "Version", "2010-12-01", "MaxItems", "0"), "InvalidParameterValue");
        assertQueryError(form("Action", "ListTemplates", "Version", "2010-12-01", "NextToken", "not-ours"), "InvalidParameterValue");
        for (int i = 0; i < 12; i++) {
            String name = "Paged" + i;
            ses.createTemplate(r -> r.template(t -> t.templateName(name).subjectPart("s").textPart("t")));
        }
        assertThat(ses.listTemplates(r -> r.maxItems(500)).templatesMetadata()).hasSizeGreaterThanOrEqualTo(12);
        var firstPage = ses.listTemplates(r -> r.maxItems(null));
        assertThat(firstPage.templatesMetadata()).hasSize(10);
        assertThat(ses.listTemplates(r -> r.nextToken(firstPage.nextToken())).templatesMetadata()).isNotEmpty();
    }

    private static void assertQueryError(String form, String code) {
        HttpResponse<String> response = SesHttp.query(endpoint, form);
        assertThat(response.statusCode()).as(form).isEqualTo(400);
        assertThat(response.body()).as(form).contains("<ErrorResponse", "<Code>" + code + "</Code>", "<Type>Sender</Type>");
    }

    private static void assertRestError(String json, int status, String code) {
        HttpResponse<String> response = SesHttp.send(endpoint, "POST", "/v2/email/outbound-emails", "application/json", json);
        assertThat(response.statusCode()).as(json).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(json).hasValue(code);
        assertThat(response.body()).as(json).contains("\"__type\":\"" + code + "\"");
    }

    private static byte[] rawMessage(int size) {
        String headers = "From: hr@verified.example\r\nTo: candidate@elsewhere.example\r\nSubject: big\r\n\r\n";
        byte[] out = new byte[size];
        byte[] line = "0123456789012345678901234567890123456789012345678901234567890123456789012345\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i += line.length) {
            System.arraycopy(line, 0, out, i, Math.min(line.length, size - i));
        }
        byte[] head = headers.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, out, 0, head.length);
        return Arrays.copyOf(out, size);
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
