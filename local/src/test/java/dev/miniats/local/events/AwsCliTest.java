package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every EventBridge operation of the local bus, driven by the real AWS CLI v2 with --endpoint-url. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliTest {
    @TempDir
    Path scratch;
    private TestRuntime ats;

    @BeforeAll
    void start() {
        ats = TestRuntime.start();
    }

    @AfterAll
    void stop() {
        if (ats != null) {
            ats.close();
        }
    }

    private AwsCli.Result aws(String... args) {
        return cli().run(events(args));
    }

    private JsonNode ok(String... args) {
        return cli().ok(events(args));
    }

    private AwsCli cli() {
        return AwsCli.local(ats.runtime.endpoint(), scratch);
    }

    private static String[] events(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "events";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    @Test
    void buses_rules_targets_and_events_work_from_the_cli() {
        assertThat(ok("create-event-bus", "--name", "cli").get("EventBusArn").asText()).endsWith(":event-bus/cli");
        assertThat(ok("describe-event-bus", "--name", "cli").get("Name").asText()).isEqualTo("cli");
        assertThat(ok("list-event-buses").get("EventBuses").findValuesAsText("Name")).contains("default", "mini-ats", "cli");
        ok("put-rule", "--name", "r", "--event-bus-name", "cli", "--event-pattern", "{\"source\":[{\"prefix\":\"cli\"}]}");
        ok("disable-rule", "--name", "r", "--event-bus-name", "cli");
        assertThat(ok("describe-rule", "--name", "r", "--event-bus-name", "cli").get("State").asText()).isEqualTo("DISABLED");
        ok("enable-rule", "--name", "r", "--event-bus-name", "cli");
        assertThat(ok("list-rules", "--event-bus-name", "cli").get("Rules").get(0).get("State").asText()).isEqualTo("ENABLED");
        JsonNode put = ok("put-targets", "--rule", "r", "--event-bus-name", "cli", "--targets",
                "[{\"Id\":\"echo\",\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:ats-echo\","
                        + "\"InputTransformer\":{\"InputPathsMap\":{\"n\":\"$.detail.n\"},\"InputTemplate\":\"{\\\"n\\\": <n>}\"}}]");
        assertThat(put.get("FailedEntryCount").asInt()).isZero();
        assertThat(ok("list-targets-by-rule", "--rule", "r", "--event-bus-name", "cli").get("Targets").get(0).get("Id").asText())
                .isEqualTo("echo");
        JsonNode events = ok("put-events", "--entries",
                "[{\"Source\":\"cli.test\",\"DetailType\":\"t\",\"Detail\":\"{\\\"n\\\":7}\",\"EventBusName\":\"cli\",\"Time\":\"2024-01-02T03:04:05Z\"}]");
        String id = events.get("Entries").get(0).get("EventId").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode delivery = ats.getJson("/_ats/events/" + id).get("deliveries").get(0);
            assertThat(delivery.get("status").asText()).isEqualTo("delivered");
            assertThat(TestRuntime.json(delivery.get("result").asText())).isEqualTo(TestRuntime.json("{\"n\":7}"));
        });
        assertThat(ats.getJson("/_ats/events/" + id).get("event").get("time").asText()).isEqualTo("2024-01-02T03:04:05Z");
        ok("remove-targets", "--rule", "r", "--event-bus-name", "cli", "--ids", "echo");
        ok("delete-rule", "--name", "r", "--event-bus-name", "cli");
        ok("delete-event-bus", "--name", "cli");
    }

    @Test
    void test_event_pattern_and_its_errors_work_from_the_cli() {
        String event = "{\"id\":\"1\",\"account\":\"000000000000\",\"source\":\"mini-ats\",\"time\":\"2024-01-01T00:00:00Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail-type\":\"send-assessment\",\"detail\":{\"companyName\":\"Acme\"}}";
        assertThat(ok("test-event-pattern", "--event", event, "--event-pattern",
                "{\"detail\":{\"companyName\":[{\"anything-but\":{\"equals-ignore-case\":\"insight partners\"}}]}}").get("Result").asBoolean())
                .isTrue();
        AwsCli.Result invalid = aws("put-rule", "--name", "bad", "--event-pattern", "{\"source\":[{\"numeric\":[\">\"]}]}");
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.stderr()).contains("InvalidEventPatternException");
        AwsCli.Result missing = aws("describe-rule", "--name", "nope");
        assertThat(missing.stderr()).contains("ResourceNotFoundException");
    }

    @Test
    void archives_and_replays_work_from_the_cli() {
        String busArn = "arn:aws:events:us-east-1:000000000000:event-bus/default";
        JsonNode archive = ok("create-archive", "--archive-name", "cli-archive", "--event-source-arn", busArn);
        assertThat(ok("describe-archive", "--archive-name", "cli-archive").get("State").asText()).isEqualTo("ENABLED");
        assertThat(ok("list-archives").get("Archives").findValuesAsText("ArchiveName")).contains("cli-archive");
        ok("start-replay", "--replay-name", "cli-replay", "--event-source-arn", archive.get("ArchiveArn").asText(),
                "--event-start-time", Instant.now().minusSeconds(60).toString(), "--event-end-time", Instant.now().toString(),
                "--destination", "{\"Arn\":\"" + busArn + "\"}");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ok("describe-replay", "--replay-name", "cli-replay").get("State").asText().equals("COMPLETED"));
    }
}
