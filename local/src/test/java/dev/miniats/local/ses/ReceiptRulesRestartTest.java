package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.iam.AwsCli;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Receipt rule sets, the active one and the receipts survive a restart of the runtime on the same data directory. */
@Tag("e2e")
class ReceiptRulesRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void rule_sets_their_order_the_active_set_and_receipts_survive_a_restart() throws Exception {
        try (LocalRuntime first = start()) {
            AwsCli aws = AwsCli.local(first.endpoint(), dataDir);
            aws.ok("ses", "create-receipt-rule-set", "--rule-set-name", "kept");
            aws.ok("ses", "create-receipt-rule", "--rule-set-name", "kept", "--rule",
                    "{\"Name\":\"b\",\"Enabled\":true,\"Recipients\":[\"hr.example\"],\"Actions\":[{\"StopAction\":{\"Scope\":\"RuleSet\"}}]}");
            aws.ok("ses", "create-receipt-rule", "--rule-set-name", "kept", "--rule", "{\"Name\":\"a\",\"Enabled\":false}");
            aws.ok("ses", "clone-receipt-rule-set", "--rule-set-name", "copy", "--original-rule-set-name", "kept");
            aws.ok("ses", "set-active-receipt-rule-set", "--rule-set-name", "kept");
            smtp(first, "before@HR.example");
            await().atMost(Duration.ofSeconds(30)).until(() -> receipts(first).size() == 1);
        }
        try (LocalRuntime second = start()) {
            AwsCli aws = AwsCli.local(second.endpoint(), dataDir);
            JsonNode active = aws.ok("ses", "describe-active-receipt-rule-set");
            assertThat(active.get("Metadata").get("Name").asText()).isEqualTo("kept");
            assertThat(active.get("Rules").get(0).get("Name").asText()).isEqualTo("a");
            assertThat(active.get("Rules").get(1).get("Actions").get(0).get("StopAction").get("Scope").asText()).isEqualTo("RuleSet");
            assertThat(aws.ok("ses", "list-receipt-rule-sets").get("RuleSets").toString()).contains("\"copy\"").contains("\"kept\"");
            assertThat(aws.ok("ses", "describe-receipt-rule-set", "--rule-set-name", "copy").get("Rules")).hasSize(2);

            smtp(second, "after@hr.example");
            await().atMost(Duration.ofSeconds(30)).until(() -> receipts(second).size() == 2);
            JsonNode newest = receipts(second).get(0);
            assertThat(newest.get("recipient").asText()).isEqualTo("after@hr.example");
            assertThat(newest.get("steps").get(0).get("action").asText()).isEqualTo("StopAction");
            assertThat(receipts(second).get(1).get("recipient").asText()).isEqualTo("before@hr.example");
        }
    }

    private LocalRuntime start() {
        return LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
    }

    private static JsonNode receipts(LocalRuntime runtime) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                runtime.endpoint().resolve("/_ats/ses/receipts")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).get("receipts");
    }

    private static void smtp(LocalRuntime runtime, String to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(runtime.smtpPort()));
        Session session = Session.getInstance(props);
        String raw = "From: c@candidates.example\r\nTo: " + to + "\r\nSubject: hello\r\n\r\nhi\r\n";
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))),
                    new InternetAddress[]{new InternetAddress(to)});
        }
    }
}
