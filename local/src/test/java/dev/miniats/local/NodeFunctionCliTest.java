package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.AwsCliEndToEndTest.CliResult;
import dev.miniats.local.lambda.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workshop's central exercise with the real AWS CLI: a Node.js 20 function from a zip holding
 * only {@code send-assessment.mjs} (it imports {@code @aws-sdk/client-ses}, which Lambda provides),
 * deployed with create-function, invoked with the brief's payload, then run by a rule on the
 * attendee's own bus. Mail is read over IMAP.
 */
@Tag("e2e")
class NodeFunctionCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/workshop-lambda-ses";
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static Mailbox mailbox;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build());
        mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static CliResult aws(String... args) throws Exception {
        return AwsCliEndToEndTest.aws(runtime.endpoint(), args);
    }

    static String handlerZip(Path dir) throws Exception {
        try (InputStream in = NodeFunctionCliTest.class.getResourceAsStream("/node-ses/send-assessment.mjs")) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Zips.file(dir, "fn.zip", Zips.of(Map.of("send-assessment.mjs", source)));
        }
    }

    @Test
    void the_briefs_node_function_deployed_with_the_cli_sends_the_assessment_directly_and_through_a_rule(@TempDir Path dir)
            throws Exception {
        CliResult created = aws("lambda", "create-function", "--function-name", "workshop-send-assessment", "--runtime",
                "nodejs20.x", "--handler", "send-assessment.handler", "--role", ROLE, "--zip-file", handlerZip(dir));
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        JsonNode configuration = JSON.readTree(created.stdout());
        assertThat(configuration.get("FunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:workshop-send-assessment");
        assertThat(configuration.get("State").asText()).isEqualTo("Active");
        CliResult active = aws("lambda", "wait", "function-active", "--function-name", "workshop-send-assessment");
        assertThat(active.exitCode()).as(active.stderr()).isZero();

        Path payload = dir.resolve("payload.json");
        Files.writeString(payload, "{\"toEmail\":\"ada@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Criteria Corp Testing\"}");
        Path out = dir.resolve("out.json");
        CliResult invoked = aws("lambda", "invoke", "--function-name", "workshop-send-assessment", "--payload",
                "fileb://" + payload, out.toString());
        assertThat(invoked.exitCode()).as(invoked.stderr()).isZero();
        assertThat(JSON.readTree(invoked.stdout()).has("FunctionError")).as(Files.readString(out)).isFalse();
        assertThat(JSON.readTree(Files.readString(out)).get("statusCode").asInt()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.inbox("ada@example.com").size() == 1);
        assertThat(mailbox.inbox("ada@example.com").get(0).subject()).isEqualTo("Your assessment from Criteria Corp Testing");

        assertThat(aws("events", "create-event-bus", "--name", "workshop").exitCode()).isZero();
        assertThat(aws("events", "put-rule", "--name", "assessments", "--event-bus-name", "workshop", "--event-pattern",
                "{\"detail-type\":[\"send-assessment\"]}").exitCode()).isZero();
        CliResult targets = aws("events", "put-targets", "--rule", "assessments", "--event-bus-name", "workshop", "--targets",
                "[{\"Id\":\"fn\",\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:workshop-send-assessment\","
                        + "\"InputPath\":\"$.detail\"}]");
        assertThat(targets.exitCode()).as(targets.stderr()).isZero();
        CliResult put = aws("events", "put-events", "--entries", "[{\"Source\":\"workshop\",\"DetailType\":\"send-assessment\","
                + "\"EventBusName\":\"workshop\",\"Detail\":\"{\\\"toEmail\\\":\\\"grace@example.com\\\",\\\"fromEmail\\\":"
                + "\\\"talent@example.com\\\",\\\"companyName\\\":\\\"Criteria Corp Testing\\\"}\"}]");
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.inbox("grace@example.com").size() == 1);
        // the brief's own mistake: no add-permission for the rule. AWS would refuse; here it is delivered and flagged
        String eventId = JSON.readTree(put.stdout()).get("Entries").get(0).get("EventId").asText();
        JsonNode delivery = awaitDelivery(runtime.endpoint(), eventId);
        assertThat(delivery.get("status").asText()).isEqualTo("delivered");
        assertThat(delivery.get("warning").asText()).contains("not authorized to perform lambda:InvokeFunction")
                .contains("--source-arn arn:aws:events:us-east-1:000000000000:rule/workshop/assessments");
    }

    /** The event's first delivery once it is no longer pending, from {@code /_ats/events/{id}}. */
    static JsonNode awaitDelivery(java.net.URI endpoint, String eventId) {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String body = http.send(HttpRequest.newBuilder(endpoint.resolve("/_ats/events/" + eventId)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode deliveries = JSON.readTree(body).path("deliveries");
            found[0] = deliveries.isArray() && deliveries.size() > 0 ? deliveries.get(0) : null;
            return found[0] != null && !"pending".equals(found[0].get("status").asText());
        });
        return found[0];
    }
}
