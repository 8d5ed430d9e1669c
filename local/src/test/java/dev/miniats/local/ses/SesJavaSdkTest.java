package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.ses.model.VerificationStatus;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS SDK for Java v2's SesClient (SES v1, Query) and SesV2Client (REST-JSON) against the local runtime. */
class SesJavaSdkTest {
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static SesClient ses;
    static SesV2Client sesV2;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        ses = SesClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        sesV2 = SesV2Client.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        ses.close();
        sesV2.close();
        runtime.close();
    }

    @Test
    void ses_v1_send_email_arrives_with_encoded_names_reply_to_and_no_bcc_header() throws Exception {
        String messageId = ses.sendEmail(r -> r.source("Zoë Recruiter <hr@acme.example>")
                .destination(d -> d.toAddresses("Jörg Ünal <joerg@candidates.example>")
                        .ccAddresses("cc-v1@candidates.example").bccAddresses("bcc-v1@candidates.example"))
                .replyToAddresses("Talent Team <talent@acme.example>")
                .message(m -> m.subject(c -> c.data("Einladung zum Gespräch — 面接"))
                        .body(b -> b.text(c -> c.data("Grüße, Jörg")).html(c -> c.data("<p>Grüße</p>"))))).messageId();

        MimeMessage received = Mailbox.await(runtime.imapPort(), "joerg@candidates.example", 1).get(0);
        assertThat(received.getSubject()).isEqualTo("Einladung zum Gespräch — 面接");
        assertThat(received.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Zoë Recruiter");
        assertThat(((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Jörg Ünal");
        assertThat(received.getRecipients(Message.RecipientType.CC)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("cc-v1@candidates.example");
        assertThat(((InternetAddress) received.getReplyTo()[0]).getAddress()).isEqualTo("talent@acme.example");
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getMessageID()).isEqualTo("<" + messageId + "@email.amazonses.com>");
        MimeMultipart alternative = (MimeMultipart) received.getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Grüße, Jörg");

        MimeMessage blind = Mailbox.await(runtime.imapPort(), "bcc-v1@candidates.example", 1).get(0);
        assertThat(blind.getHeader("Bcc")).isNull();
        assertThat(blind.getMessageID()).isEqualTo(received.getMessageID());
    }

    @Test
    void ses_v1_send_raw_email_with_destinations_delivers_to_them_and_not_to_the_headers() throws Exception {
        String raw = "From: Raw Sender <raw@acme.example>\r\nTo: header-only@candidates.example\r\n"
                + "Bcc: hidden@candidates.example\r\nSubject: raw v1\r\n\r\nraw body\r\n";
        ses.sendRawEmail(r -> r.rawMessage(m -> m.data(SdkBytes.fromString(raw, StandardCharsets.US_ASCII)))
                .destinations("destination-v1@candidates.example"));

        MimeMessage received = Mailbox.await(runtime.imapPort(), "destination-v1@candidates.example", 1).get(0);
        assertThat(received.getSubject()).isEqualTo("raw v1");
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(Mailbox.read(runtime.imapPort(), "header-only@candidates.example")).isEmpty();
        assertThat(Mailbox.read(runtime.imapPort(), "hidden@candidates.example")).isEmpty();
    }

    @Test
    void ses_v1_send_raw_email_without_destinations_delivers_to_to_cc_and_bcc_headers() throws Exception {
        String raw = "From: raw@acme.example\r\nTo: to-raw@candidates.example\r\nCc: cc-raw@candidates.example\r\n"
                + "Bcc: bcc-raw@candidates.example\r\nSubject: raw headers\r\n\r\nbody\r\n";
        ses.sendRawEmail(r -> r.rawMessage(m -> m.data(SdkBytes.fromString(raw, StandardCharsets.US_ASCII))));

        for (String address : List.of("to-raw@candidates.example", "cc-raw@candidates.example", "bcc-raw@candidates.example")) {
            MimeMessage received = Mailbox.await(runtime.imapPort(), address, 1).get(0);
            assertThat(received.getSubject()).isEqualTo("raw headers");
            assertThat(received.getHeader("Bcc")).isNull();
        }
    }

    @Test
    void ses_v1_identities_are_verified_listed_by_type_and_deleted() {
        ses.verifyEmailIdentity(r -> r.emailAddress("sdk-sender@acme.example"));
        String token = ses.verifyDomainIdentity(r -> r.domain("sdk-domain.example")).verificationToken();

        assertThat(ses.listIdentities(r -> r.identityType(IdentityType.EMAIL_ADDRESS)).identities()).contains("sdk-sender@acme.example")
                .doesNotContain("sdk-domain.example");
        assertThat(ses.listIdentities(r -> r.identityType(IdentityType.DOMAIN)).identities()).contains("sdk-domain.example");
        var attributes = ses.getIdentityVerificationAttributes(r -> r.identities("sdk-sender@acme.example", "sdk-domain.example",
                "unknown@acme.example")).verificationAttributes();
        assertThat(attributes).containsOnlyKeys("sdk-sender@acme.example", "sdk-domain.example");
        assertThat(attributes.get("sdk-domain.example").verificationStatus()).isEqualTo(VerificationStatus.SUCCESS);
        assertThat(attributes.get("sdk-domain.example").verificationToken()).isEqualTo(token);

        ses.deleteIdentity(r -> r.identity("sdk-sender@acme.example"));
        assertThat(ses.listIdentities().identities()).doesNotContain("sdk-sender@acme.example");
        assertThat(ses.getSendQuota().max24HourSend()).isPositive();
    }

    @Test
    void ses_v1_list_identities_pages_with_next_token_and_refuses_a_forged_one() {
        ses.verifyEmailIdentity(r -> r.emailAddress("page-a@paging.example"));
        ses.verifyEmailIdentity(r -> r.emailAddress("page-b@paging.example"));

        var first = ses.listIdentities(r -> r.maxItems(1));
        assertThat(first.identities()).hasSize(1);
        assertThat(first.nextToken()).isNotBlank();
        var second = ses.listIdentities(r -> r.maxItems(1).nextToken(first.nextToken()));
        assertThat(second.identities()).hasSize(1).doesNotContainAnyElementsOf(first.identities());
        assertThatThrownBy(() -> ses.listIdentities(r -> r.nextToken("forged")))
                .isInstanceOf(software.amazon.awssdk.services.ses.model.SesException.class)
                .hasMessageContaining("NextToken");
    }

    @Test
    void ses_v2_simple_and_raw_emails_arrive_in_the_inbox() throws Exception {
        sesV2.sendEmail(r -> r.fromEmailAddress("hr@acme.example").destination(d -> d.toAddresses("v2-simple@candidates.example"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("v2 simple")).body(b -> b.text(t -> t.data("hello v2"))))));
        String raw = "From: hr@acme.example\r\nTo: v2-raw@candidates.example\r\nSubject: v2 raw\r\n\r\nraw v2\r\n";
        sesV2.sendEmail(r -> r.content(c -> c.raw(m -> m.data(SdkBytes.fromString(raw, StandardCharsets.US_ASCII)))));

        assertThat(Mailbox.await(runtime.imapPort(), "v2-simple@candidates.example", 1).get(0).getContent().toString()).contains("hello v2");
        assertThat(Mailbox.await(runtime.imapPort(), "v2-raw@candidates.example", 1).get(0).getSubject()).isEqualTo("v2 raw");
    }

    @Test
    void ses_v2_send_email_is_in_the_inbox_when_the_call_answers() throws Exception {
        String raw = "From: hr@acme.example\r\nTo: v2-at-once@candidates.example\r\nSubject: at once\r\n\r\nno waiting\r\n";
        sesV2.sendEmail(r -> r.content(c -> c.raw(m -> m.data(SdkBytes.fromString(raw, StandardCharsets.US_ASCII)))));

        // read once, no polling: the local mailboxes get the mail before SendEmail answers
        List<MimeMessage> inbox = Mailbox.read(runtime.imapPort(), "v2-at-once@candidates.example");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).getSubject()).isEqualTo("at once");
    }

    @Test
    void ses_v2_template_content_substitutes_template_data_and_escapes_it_only_in_html() throws Exception {
        sesV2.createEmailTemplate(r -> r.templateName("Interview").templateContent(c -> c.subject("Interview at {{company}}")
                .text("Dear {{name}}, see you at {{time}}.").html("<p>Dear {{name}}</p>")));
        assertThat(sesV2.getEmailTemplate(r -> r.templateName("Interview")).templateContent().subject()).isEqualTo("Interview at {{company}}");
        assertThat(sesV2.listEmailTemplates(r -> { }).templatesMetadata()).extracting(t -> t.templateName()).contains("Interview");

        sesV2.sendEmail(r -> r.fromEmailAddress("hr@acme.example").destination(d -> d.toAddresses("templated@candidates.example"))
                .content(c -> c.template(t -> t.templateName("Interview")
                        .templateData("{\"company\":\"Acme & Co\",\"name\":\"Ada <Lovelace>\",\"time\":\"10:00\"}"))));

        MimeMessage received = Mailbox.await(runtime.imapPort(), "templated@candidates.example", 1).get(0);
        assertThat(received.getSubject()).isEqualTo("Interview at Acme & Co");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Dear Ada <Lovelace>, see you at 10:00.");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("Dear Ada &lt;Lovelace&gt;");

        sesV2.updateEmailTemplate(r -> r.templateName("Interview").templateContent(c -> c.subject("Updated for {{name}}").text("t")));
        sesV2.sendEmail(r -> r.fromEmailAddress("hr@acme.example").destination(d -> d.toAddresses("templated@candidates.example"))
                .content(c -> c.template(t -> t.templateName("Interview").templateData("{\"name\":\"Ada\"}"))));
        assertThat(Mailbox.await(runtime.imapPort(), "templated@candidates.example", 2).get(1).getSubject()).isEqualTo("Updated for Ada");
        sesV2.deleteEmailTemplate(r -> r.templateName("Interview"));
        assertThatThrownBy(() -> sesV2.getEmailTemplate(r -> r.templateName("Interview"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void ses_v2_identities_are_created_read_listed_and_deleted() {
        assertThat(sesV2.createEmailIdentity(r -> r.emailIdentity("v2-identity@acme.example")).verifiedForSendingStatus()).isTrue();
        sesV2.createEmailIdentity(r -> r.emailIdentity("v2-domain.example"));

        assertThat(sesV2.getEmailIdentity(r -> r.emailIdentity("v2-identity@acme.example")).identityTypeAsString()).isEqualTo("EMAIL_ADDRESS");
        assertThat(sesV2.listEmailIdentities(r -> { }).emailIdentities()).extracting(i -> i.identityName())
                .contains("v2-identity@acme.example", "v2-domain.example");
        assertThatThrownBy(() -> sesV2.createEmailIdentity(r -> r.emailIdentity("v2-domain.example")))
                .isInstanceOf(software.amazon.awssdk.services.sesv2.model.AlreadyExistsException.class);

        sesV2.deleteEmailIdentity(r -> r.emailIdentity("v2-identity@acme.example"));
        assertThatThrownBy(() -> sesV2.getEmailIdentity(r -> r.emailIdentity("v2-identity@acme.example")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void ses_v2_get_account_reports_production_access_outside_the_sandbox() {
        GetAccountResponse account = sesV2.getAccount(r -> { });
        assertThat(account.productionAccessEnabled()).isTrue();
        assertThat(account.sendingEnabled()).isTrue();
        assertThat(account.sendQuota().max24HourSend()).isPositive();

        double sent = account.sendQuota().sentLast24Hours();
        sesV2.sendEmail(r -> r.fromEmailAddress("quota@acme.example").destination(d -> d.toAddresses("quota-to@candidates.example"))
                .content(c -> c.simple(m -> m.subject(t -> t.data("counted")).body(b -> b.text(t -> t.data("counted"))))));
        assertThat(sesV2.getAccount(r -> { }).sendQuota().sentLast24Hours()).isEqualTo(sent + 1);
    }

    @Test
    void the_send_quota_counts_the_last_day_through_an_index_not_every_stored_mail() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mini-ats.db"));
             ResultSet plan = c.createStatement().executeQuery("EXPLAIN QUERY PLAN SELECT count(*) FROM mails WHERE created_at >= 0")) {
            assertThat(plan.next()).isTrue();
            assertThat(plan.getString("detail")).contains("USING COVERING INDEX mails_created (created_at>?)");
        }
    }

    @Test
    void the_localstack_endpoint_lists_simple_messages_with_their_destination_and_body() {
        String id = ses.sendEmail(r -> r.source("listed@acme.example")
                .destination(d -> d.toAddresses("listed-to@candidates.example").bccAddresses("listed-bcc@candidates.example"))
                .message(m -> m.subject(c -> c.data("listed")).body(b -> b.text(c -> c.data("listed text"))))).messageId();

        JsonNode messages = SesHttp.getJson(runtime.endpoint(), "/_aws/ses?id=" + id).get("messages");
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.get("Id").asText()).isEqualTo(id);
        assertThat(m.get("Region").asText()).isEqualTo("us-east-1");
        assertThat(m.get("Source").asText()).isEqualTo("listed@acme.example");
        assertThat(m.get("Subject").asText()).isEqualTo("listed");
        assertThat(m.at("/Destination/ToAddresses/0").asText()).isEqualTo("listed-to@candidates.example");
        assertThat(m.at("/Destination/BccAddresses/0").asText()).isEqualTo("listed-bcc@candidates.example");
        assertThat(m.at("/Body/text_part").asText()).isEqualTo("listed text");
        assertThat(m.at("/Body/html_part").isNull()).isTrue();
        assertThat(m.get("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(SesHttp.getJson(runtime.endpoint(), "/_aws/ses?email=listed@acme.example").get("messages")).hasSize(1);
    }
}
