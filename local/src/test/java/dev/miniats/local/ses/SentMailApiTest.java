package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** LocalStack's /_aws/ses (list, filter, clear) and /_ats/mails, and what survives a restart. */
class SentMailApiTest {
    @TempDir
    Path dataDir;

    @Test
    void raw_messages_are_listed_with_their_raw_data_and_clearing_one_keeps_it_stored_and_delivered() throws Exception {
        try (LocalRuntime runtime = start(false)) {
            URI endpoint = runtime.endpoint();
            String raw = "From: raw-list@acme.example\r\nTo: raw-list@candidates.example\r\nSubject: listed raw\r\n\r\nbody\r\n";
            String rawId = messageId(SesHttp.query(endpoint, "Action=SendRawEmail&RawMessage.Data="
                    + enc(Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII)))).body());
            String simpleId = messageId(SesHttp.query(endpoint, "Action=SendEmail&Source=" + enc("other@acme.example")
                    + "&Destination.ToAddresses.member.1=" + enc("raw-list@candidates.example")
                    + "&Message.Subject.Data=simple&Message.Body.Html.Data=" + enc("<p>hi</p>")).body());

            JsonNode listed = SesHttp.getJson(endpoint, "/_aws/ses?email=raw-list@acme.example").get("messages");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("Id").asText()).isEqualTo(rawId);
            assertThat(listed.get(0).get("RawData").asText()).contains("Subject: listed raw");
            assertThat(listed.get(0).has("Body")).isFalse();
            JsonNode simple = SesHttp.getJson(endpoint, "/_aws/ses?id=" + simpleId).at("/messages/0");
            assertThat(simple.at("/Body/html_part").asText()).isEqualTo("<p>hi</p>");
            // LocalStack's shape, member for member: the absent text part is there as null, no RawData
            assertThat(simple.fieldNames()).toIterable().containsExactly("Id", "Region", "Destination", "Source", "Subject", "Body", "Timestamp");
            assertThat(simple.at("/Body").has("text_part")).isTrue();
            assertThat(simple.at("/Body/text_part").isNull()).isTrue();
            assertThat(simple.at("/Destination/ToAddresses/0").asText()).isEqualTo("raw-list@candidates.example");
            assertThat(listed.get(0).fieldNames()).toIterable().containsExactly("Id", "Region", "Source", "RawData", "Timestamp");

            assertThat(SesHttp.send(endpoint, "DELETE", "/_aws/ses?id=" + rawId, null, null).statusCode()).isEqualTo(204);
            assertThat(SesHttp.getJson(endpoint, "/_aws/ses").get("messages")).extracting(m -> m.get("Id").asText())
                    .containsExactly(simpleId);
            assertThat(Mailbox.await(runtime.imapPort(), "raw-list@candidates.example", 2)).hasSize(2);
            JsonNode delivery = SesHttp.getJson(endpoint, "/_ats/mails/" + rawId);
            assertThat(delivery.get("status").asText()).isEqualTo("delivered");
            assertThat(delivery.get("lastError").isNull()).as("an absent value is listed as null").isTrue();
            assertThat(delivery.get("raw").asText()).contains("Subject: listed raw");
            assertThat(SesHttp.getJson(endpoint, "/_ats/mails").get(0).has("raw")).as("the raw MIME only on the single view").isFalse();

            assertThat(SesHttp.getJson(endpoint, "/_localstack/ses").get("messages")).hasSize(1);
            assertThat(SesHttp.send(endpoint, "DELETE", "/_aws/ses", null, null).statusCode()).isEqualTo(204);
            assertThat(SesHttp.getJson(endpoint, "/_aws/ses").get("messages")).isEmpty();
            assertThat(SesHttp.getJson(endpoint, "/_ats/mails")).hasSize(2);
        }
    }

    @Test
    void identities_templates_and_delivered_mail_survive_a_restart() throws Exception {
        try (LocalRuntime runtime = start(true)) {
            SesHttp.query(runtime.endpoint(), "Action=VerifyEmailIdentity&EmailAddress=" + enc("kept@acme.example"));
            SesHttp.query(runtime.endpoint(), "Action=CreateTemplate&Template.TemplateName=Kept&Template.SubjectPart="
                    + enc("Hi {{name}}") + "&Template.TextPart=" + enc("Dear {{name}}"));
            messageId(SesHttp.query(runtime.endpoint(), "Action=SendTemplatedEmail&Source=" + enc("kept@acme.example")
                    + "&Destination.ToAddresses.member.1=" + enc("kept@acme.example") + "&Template=Kept&TemplateData="
                    + enc("{\"name\":\"Grace\"}")).body());
            assertThat(Mailbox.await(runtime.imapPort(), "kept@acme.example", 1).get(0).getSubject()).isEqualTo("Hi Grace");
        }
        try (LocalRuntime runtime = start(true)) {
            String body = SesHttp.query(runtime.endpoint(), "Action=ListIdentities").body();
            assertThat(body).contains("<member>kept@acme.example</member>");
            assertThat(SesHttp.getJson(runtime.endpoint(), "/v2/email/templates/Kept").at("/TemplateContent/Subject").asText())
                    .isEqualTo("Hi {{name}}");
            assertThat(Mailbox.read(runtime.imapPort(), "kept@acme.example")).hasSize(1);
        }
    }

    private LocalRuntime start(boolean sandbox) {
        return LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().sesSandbox(sandbox).build());
    }

    private static String messageId(String xml) {
        Matcher m = Pattern.compile("<MessageId>([^<]+)</MessageId>").matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return m.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
