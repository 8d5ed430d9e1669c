package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.mail.SmtpRelay;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery to an external SMTP relay (a second GreenMail), including while it is down and with AUTH. */
@Tag("e2e")
class SmtpRelayDeliveryTest {
    @TempDir
    Path dataDir;

    @Test
    void mail_goes_to_the_relay_and_not_to_the_embedded_mailbox() throws Exception {
        GreenMail relay = relay(freePort(), null);
        try (LocalRuntime runtime = start(new SmtpRelay("127.0.0.1", relay.getSmtp().getPort(), false, null, null))) {
            String id = send(runtime, "relayed@candidates.example", "via relay");

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> relay.getReceivedMessages().length == 1);
            MimeMessage received = relay.getReceivedMessages()[0];
            assertThat(received.getSubject()).isEqualTo("via relay");
            assertThat(received.getMessageID()).contains(id);
            JsonNode state = awaitState(runtime, id, "delivered");
            assertThat(state.get("deliveredVia").asText()).isEqualTo("relay");
            assertThat(Mailbox.read(runtime.imapPort(), "relayed@candidates.example")).isEmpty();
        } finally {
            relay.stop();
        }
    }

    @Test
    void while_the_relay_is_down_the_message_waits_with_its_attempts_and_goes_out_once_it_is_back() throws Exception {
        int port = freePort();
        try (LocalRuntime runtime = start(new SmtpRelay("127.0.0.1", port, false, null, null))) {
            long stored = runtime.mailStore().count();
            String id = send(runtime, "patient@candidates.example", "waited for the relay");

            JsonNode waiting = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> state(runtime, id), s -> s.get("attempts").asInt() >= 3);
            assertThat(waiting.get("status").asText()).isEqualTo("queued");
            assertThat(waiting.get("lastError").asText()).isNotBlank();
            assertThat(runtime.mailStore().count()).isEqualTo(stored + 1);

            GreenMail relay = relay(port, null);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> relay.getReceivedMessages().length == 1);
                assertThat(relay.getReceivedMessages()[0].getSubject()).isEqualTo("waited for the relay");
                JsonNode delivered = awaitState(runtime, id, "delivered");
                assertThat(delivered.get("attempts").asInt()).isGreaterThan(waiting.get("attempts").asInt());
                assertThat(delivered.get("lastError").isNull()).isTrue();
            } finally {
                relay.stop();
            }
        }
    }

    @Test
    void a_relay_that_requires_auth_gets_the_configured_login() throws Exception {
        GreenMail relay = relay(freePort(), "relay-secret");
        try (LocalRuntime runtime = start(new SmtpRelay("127.0.0.1", relay.getSmtp().getPort(), false, "relay-user", "relay-secret"))) {
            String id = send(runtime, "authed@candidates.example", "with auth");

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> relay.getReceivedMessages().length == 1);
            assertThat(awaitState(runtime, id, "delivered").get("deliveredVia").asText()).isEqualTo("relay");
        } finally {
            relay.stop();
        }
    }

    @Test
    void a_relay_refusing_the_login_leaves_the_message_queued_with_the_error() throws Exception {
        GreenMail relay = relay(freePort(), "relay-secret");
        try (LocalRuntime runtime = start(new SmtpRelay("127.0.0.1", relay.getSmtp().getPort(), false, "relay-user", "wrong"))) {
            String id = send(runtime, "refused@candidates.example", "bad login");

            JsonNode waiting = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> state(runtime, id), s -> s.get("attempts").asInt() >= 2);
            assertThat(waiting.get("status").asText()).isEqualTo("queued");
            assertThat(waiting.get("lastError").asText()).containsIgnoringCase("auth");
            assertThat(relay.getReceivedMessages()).isEmpty();
        } finally {
            relay.stop();
        }
    }

    @Test
    void with_starttls_required_a_relay_that_cannot_upgrade_never_gets_the_message_in_clear_text() throws Exception {
        GreenMail relay = relay(freePort(), "relay-secret");
        try (LocalRuntime runtime = start(new SmtpRelay("127.0.0.1", relay.getSmtp().getPort(), true, "relay-user", "relay-secret"))) {
            String id = send(runtime, "tls@candidates.example", "needs tls");

            // Later attempts may fail differently (GreenMail drops the connection); one said why.
            JsonNode waiting = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> state(runtime, id),
                    s -> s.get("attempts").asInt() >= 2 && s.get("lastError").asText().contains("STARTTLS is required"));
            assertThat(waiting.get("status").asText()).isEqualTo("queued");
            assertThat(relay.getReceivedMessages()).isEmpty();
        } finally {
            relay.stop();
        }
    }

    private LocalRuntime start(SmtpRelay relay) {
        return LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.02).smtpRelay(relay).build());
    }

    /** A second GreenMail; with {@code password}, SMTP AUTH is required and only relay-user gets in. */
    private static GreenMail relay(int port, String password) {
        GreenMailConfiguration config = password == null
                ? GreenMailConfiguration.aConfig().withDisabledAuthentication()
                : GreenMailConfiguration.aConfig().withUser("relay-user", password);
        GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withConfiguration(config);
        relay.start();
        return relay;
    }

    private static String send(LocalRuntime runtime, String to, String subject) {
        HttpResponse<String> response = SesHttp.query(runtime.endpoint(), "Action=SendEmail&Version=2010-12-01"
                + "&Source=" + enc("hr@acme.example") + "&Destination.ToAddresses.member.1=" + enc(to)
                + "&Message.Subject.Data=" + enc(subject) + "&Message.Body.Text.Data=body");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher id = Pattern.compile("<MessageId>([^<]+)</MessageId>").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static JsonNode state(LocalRuntime runtime, String id) {
        return SesHttp.getJson(runtime.endpoint(), "/_ats/mails/" + id);
    }

    private static JsonNode awaitState(LocalRuntime runtime, String id, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> state(runtime, id), s -> status.equals(s.get("status").asText()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
