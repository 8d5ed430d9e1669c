package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.miniats.local.AwsCliEndToEndTest.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The functions' logs read with the AWS CLI's {@code aws logs} commands, as engineers read Lambda's. */
class CloudWatchLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/aws/lambda/send-offer-letter";
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        Path payload = dataDir.resolve("payload.json");
        // one invocation that sends a mail, one that fails validation
        Files.writeString(payload, "{\"toEmail\":\"logs@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Logs Corp\"}");
        assertThat(aws(runtime.endpoint(), "lambda", "invoke", "--function-name", "send-offer-letter", "--payload",
                "fileb://" + payload, dataDir.resolve("out1.json").toString()).exitCode()).isZero();
        Files.writeString(payload, "{\"fromEmail\":\"talent@example.com\",\"companyName\":\"Logs Corp\"}");
        assertThat(aws(runtime.endpoint(), "lambda", "invoke", "--function-name", "send-offer-letter", "--payload",
                "fileb://" + payload, dataDir.resolve("out2.json").toString()).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(filter()).stream().filter(m -> m.startsWith("REPORT")).count() == 2);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static JsonNode filter(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("logs", "filter-log-events", "--log-group-name", GROUP));
        args.addAll(List.of(more));
        AwsCliEndToEndTest.CliResult result = aws(runtime.endpoint(), args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    private static List<String> messages(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("events").forEach(e -> out.add(e.get("message").asText()));
        return out;
    }

    @Test
    void filter_log_events_reads_each_invocation_as_cloudwatch_shows_it() throws Exception {
        JsonNode answer = filter();
        List<String> messages = messages(answer);

        assertThat(messages.get(0)).matches("START RequestId: [0-9a-f-]{36} Version: \\$LATEST");
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("\"message\":\"mail sent\""))
                .anySatisfy(m -> assertThat(m).contains("\"errorType\":\"InvalidEventException\""))
                .filteredOn(m -> m.startsWith("END RequestId: ")).hasSize(2);
        JsonNode first = answer.get("events").get(0);
        assertThat(first.get("logStreamName").asText()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(first.get("timestamp").asLong()).isPositive();
        long previous = 0;
        for (JsonNode e : answer.get("events")) {
            assertThat(e.get("timestamp").asLong()).isGreaterThanOrEqualTo(previous);
            previous = e.get("timestamp").asLong();
        }
    }

    @Test
    void a_filter_pattern_keeps_the_matching_events() throws Exception {
        assertThat(messages(filter("--filter-pattern", "\"mail sent\""))).singleElement()
                .satisfies(m -> assertThat(m).contains("logs@example.com").contains("\"level\":\"INFO\""));
        assertThat(messages(filter("--filter-pattern", "?InvalidEventException ?nothing-like-this")))
                .isNotEmpty().allSatisfy(m -> assertThat(m).contains("InvalidEventException"));
        assertThat(messages(filter("--filter-pattern", "REPORT -Duration"))).isEmpty();
    }

    @Test
    void the_cli_pages_through_next_tokens_and_finds_the_same_events() throws Exception {
        List<String> whole = messages(filter());
        List<String> paged = messages(filter("--page-size", "2"));
        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void aws_logs_tail_prints_the_functions_log() throws Exception {
        AwsCliEndToEndTest.CliResult tail = aws(runtime.endpoint(), "logs", "tail", GROUP, "--since", "1h");

        assertThat(tail.exitCode()).as(tail.stderr()).isZero();
        assertThat(tail.stdout()).contains("START RequestId: ").contains("mail sent").contains("REPORT RequestId: ");
    }

    @Test
    void groups_streams_and_get_log_events() throws Exception {
        JsonNode groups = JSON.readTree(aws(runtime.endpoint(), "logs", "describe-log-groups", "--log-group-name-prefix",
                "/aws/lambda/send").stdout());
        assertThat(groups.get("logGroups")).extracting(g -> g.get("logGroupName").asText()).contains(GROUP);

        JsonNode streams = JSON.readTree(aws(runtime.endpoint(), "logs", "describe-log-streams", "--log-group-name", GROUP).stdout());
        String stream = streams.get("logStreams").get(0).get("logStreamName").asText();

        AwsCliEndToEndTest.CliResult events = aws(runtime.endpoint(), "logs", "get-log-events", "--log-group-name", GROUP,
                "--log-stream-name", stream, "--start-from-head");
        assertThat(events.exitCode()).as(events.stderr()).isZero();
        assertThat(messages(JSON.readTree(events.stdout()))).isEqualTo(messages(filter()));
    }

    @Test
    void unknown_groups_and_bad_patterns_get_cloudwatchs_errors() throws Exception {
        AwsCliEndToEndTest.CliResult missing = aws(runtime.endpoint(), "logs", "filter-log-events", "--log-group-name",
                "/aws/lambda/nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException").contains("The specified log group does not exist.");

        AwsCliEndToEndTest.CliResult bad = aws(runtime.endpoint(), "logs", "filter-log-events", "--log-group-name", GROUP,
                "--filter-pattern", "{ $.level = }");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("InvalidParameterException").contains("filterPattern is '{ $.level = }'")
                .contains("position 12");
    }

    @Test
    void a_json_pattern_finds_the_functions_error_lines() throws Exception {
        List<String> errors = messages(filter("--filter-pattern", "{ $.level = \"ERROR\" }"));
        assertThat(errors).isNotEmpty().allSatisfy(m -> assertThat(m).contains("\"level\":\"ERROR\""));
        assertThat(messages(filter("--filter-pattern", "{ $.level = \"ERROR\" && $.level != \"ERROR\" }"))).isEmpty();
    }

    private static JsonNode query(String queryString) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        AwsCliEndToEndTest.CliResult started = aws(runtime.endpoint(), "logs", "start-query", "--log-group-name", GROUP,
                "--start-time", String.valueOf(now - 3600), "--end-time", String.valueOf(now + 60), "--query-string", queryString);
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        String id = JSON.readTree(started.stdout()).get("queryId").asText();
        AwsCliEndToEndTest.CliResult results = aws(runtime.endpoint(), "logs", "get-query-results", "--query-id", id);
        assertThat(results.exitCode()).as(results.stderr()).isZero();
        JsonNode answer = JSON.readTree(results.stdout());
        assertThat(answer.get("status").asText()).isEqualTo("Complete");
        return answer;
    }

    @Test
    void logs_insights_queries_filter_sort_limit_and_count_the_functions_lines() throws Exception {
        JsonNode errors = query("fields @timestamp, level, errorType | filter level = \"ERROR\" | sort @timestamp desc | limit 5");
        assertThat(errors.get("results")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get(0).get("field").asText()).isEqualTo("@timestamp");
            assertThat(row.findValues("field").toString()).contains("level");
            assertThat(row.toString()).contains("{\"field\":\"level\",\"value\":\"ERROR\"}");
        });

        JsonNode counts = query("filter ispresent(level) | stats count(*) as lines by level");
        int total = 0;
        List<String> levels = new ArrayList<>();
        for (JsonNode row : counts.get("results")) {
            levels.add(row.get(0).get("value").asText());
            total += row.get(1).get("value").asInt();
        }
        assertThat(levels).contains("ERROR");
        assertThat(total).isEqualTo(messages(filter("--filter-pattern", "{ $.level EXISTS }")).size());

        long now = System.currentTimeMillis() / 1000;
        AwsCliEndToEndTest.CliResult parse = aws(runtime.endpoint(), "logs", "start-query", "--log-group-name", GROUP,
                "--start-time", String.valueOf(now - 3600), "--end-time", String.valueOf(now), "--query-string",
                "parse @message \"* *\" as a, b");
        assertThat(parse.exitCode()).isNotZero();
        assertThat(parse.stderr()).contains("MalformedQueryException").contains("'parse' is not supported");

        String id = JSON.readTree(aws(runtime.endpoint(), "logs", "start-query", "--log-group-name", GROUP, "--start-time",
                String.valueOf(now - 60), "--end-time", String.valueOf(now + 60), "--query-string", "limit 1").stdout())
                .get("queryId").asText();
        AwsCliEndToEndTest.CliResult stop = aws(runtime.endpoint(), "logs", "stop-query", "--query-id", id);
        assertThat(JSON.readTree(stop.stdout()).get("success").asBoolean()).isFalse();
    }
}
