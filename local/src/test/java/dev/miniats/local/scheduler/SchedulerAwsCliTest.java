package dev.miniats.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * EventBridge Scheduler driven by the real AWS CLI v2: schedules fire at their (scaled) time into
 * functions and buses, survive a restart, retry and dead-letter, and bad requests get the
 * service's errors. The runtime runs at time scale 0.001: an hour passes in 3.6 s.
 */
class SchedulerAwsCliTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final String RECORD_ARN = "arn:aws:lambda:us-east-1:000000000000:function:ats-record";
    private static final String ROLE = "arn:aws:iam::000000000000:role/scheduler";
    private TestRuntime ats;

    private record Outcome(int exit, JsonNode json, String stderr) {
    }

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI v2 is expected at /usr/bin/aws");
        ats = TestRuntime.start(0.001);
    }

    @AfterEach
    void stop() {
        if (ats != null) {
            ats.close();
        }
    }

    private Outcome scheduler(String... args) {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", ats.runtime.endpoint().toString(),
                "--region", "us-east-1", "--output", "json", "scheduler"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                    "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Outcome(process.exitValue(), out.isBlank() ? null : TestRuntime.json(out), err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Outcome ok(String... args) {
        Outcome o = scheduler(args);
        assertThat(o.exit()).as(o.stderr()).isZero();
        return o;
    }

    /** An at() expression {@code hours} from now in UTC (the runtime's 0.001 scale makes an hour 3.6 s). */
    private static String inHours(double hours) {
        LocalDateTime at = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(Math.round(hours * 3600));
        // the pattern, not toString(): a time on the minute would print without seconds, which Scheduler refuses
        return "at(" + DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(at) + ")";
    }

    private static String lambdaTarget(String input) {
        return "{\"Arn\":\"" + RECORD_ARN + "\",\"RoleArn\":\"" + ROLE + "\",\"Input\":" + TestRuntime.json("\"\"").textValue()
                .concat(quote(input)) + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private List<String> recorded() throws IOException {
        Path file = ats.dataDir.resolve("recorded.jsonl");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private JsonNode history(String arn) {
        return ats.getJson("/_ats/schedules/history?arn=" + arn).get("attempts");
    }

    @Test
    void a_one_time_schedule_invokes_its_function_once_at_its_time_with_the_context_attributes() throws Exception {
        String arn = ok("create-schedule", "--name", "reminder-1", "--schedule-expression", inHours(1),
                "--flexible-time-window", "Mode=OFF",
                "--target", lambdaTarget("{\"id\":\"<aws.scheduler.schedule-arn>|<aws.scheduler.attempt-number>\"}"))
                .json().get("ScheduleArn").asText();
        assertThat(arn).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/reminder-1");
        assertThat(recorded()).isEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded().size() == 1);
        assertThat(recorded().get(0)).contains(arn + "|1");
        Thread.sleep(500);
        assertThat(recorded()).hasSize(1);
        assertThat(history(arn).get(0).get("outcome").asText()).isEqualTo("delivered");
        JsonNode got = ok("get-schedule", "--name", "reminder-1").json();
        assertThat(got.get("State").asText()).isEqualTo("ENABLED");
        assertThat(got.get("Target").get("Arn").asText()).isEqualTo(RECORD_ARN);
    }

    @Test
    void a_schedule_due_while_the_runtime_is_stopped_fires_after_the_restart() throws Exception {
        ok("create-schedule", "--name", "across-restart", "--schedule-expression", inHours(1), "--flexible-time-window", "Mode=OFF",
                "--target", lambdaTarget("{\"id\":\"restart\"}"));
        ats.close();
        Thread.sleep(4_000);
        ats = ats.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded().size() == 1);
        assertThat(recorded().get(0)).contains("restart");
    }

    @Test
    void a_rate_schedule_puts_events_on_a_bus_until_it_is_deleted() {
        ok("create-schedule", "--name", "tick", "--schedule-expression", "rate(1 hour)", "--flexible-time-window", "Mode=OFF",
                "--target", "{\"Arn\":\"arn:aws:events:us-east-1:000000000000:event-bus/mini-ats\",\"RoleArn\":\"" + ROLE
                        + "\",\"Input\":\"{\\\"kind\\\":\\\"tick\\\"}\",\"EventBridgeParameters\":{\"DetailType\":\"tick\",\"Source\":\"ats.scheduler\"}}");

        await().atMost(Duration.ofSeconds(40)).until(() -> ticks() >= 2);
        ok("delete-schedule", "--name", "tick");
        long after = ticks();
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(ticks()).isLessThanOrEqualTo(after + 1); // one may have been in flight
    }

    private long ticks() {
        JsonNode events = ats.getJson("/_ats/events?limit=500");
        long n = 0;
        for (JsonNode e : events) {
            if ("tick".equals(e.path("detail-type").asText(e.path("detailType").asText()))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void an_unreachable_target_is_retried_then_dead_lettered() {
        String arn = ok("create-schedule", "--name", "to-nowhere", "--schedule-expression", inHours(0.1), "--flexible-time-window", "Mode=OFF",
                "--target", "{\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:no-such-function\",\"RoleArn\":\"" + ROLE
                        + "\",\"RetryPolicy\":{\"MaximumRetryAttempts\":2,\"MaximumEventAgeInSeconds\":60}}")
                .json().get("ScheduleArn").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> history(arn).size() == 3);
        JsonNode attempts = history(arn);
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(attempts.get(0).get("error").asText()).contains("no-such-function");
        assertThat(attempts.get(1).get("outcome").asText()).isEqualTo("failed");
    }

    @Test
    void groups_list_paging_and_tags_work_as_the_cli_expects() {
        ok("create-schedule-group", "--name", "interviews", "--tags", "Key=team,Value=talent");
        for (int i = 0; i < 3; i++) {
            ok("create-schedule", "--name", "r-" + i, "--group-name", "interviews", "--schedule-expression", "rate(7 days)",
                    "--flexible-time-window", "Mode=FLEXIBLE,MaximumWindowInMinutes=15", "--state", "DISABLED",
                    "--target", lambdaTarget("{}"));
        }
        JsonNode page = ok("list-schedules", "--group-name", "interviews", "--max-items", "2").json();
        assertThat(page.get("Schedules")).hasSize(2);
        assertThat(page.get("NextToken")).isNotNull();
        assertThat(ok("list-schedules", "--group-name", "interviews", "--state", "DISABLED").json().get("Schedules")).hasSize(3);
        assertThat(ok("list-schedule-groups").json().get("ScheduleGroups").findValuesAsText("Name")).contains("default", "interviews");
        String groupArn = ok("get-schedule-group", "--name", "interviews").json().get("Arn").asText();
        assertThat(ok("list-tags-for-resource", "--resource-arn", groupArn).json().get("Tags").get(0).get("Value").asText())
                .isEqualTo("talent");

        ok("delete-schedule-group", "--name", "interviews");
        assertThat(scheduler("get-schedule", "--name", "r-0", "--group-name", "interviews").stderr()).contains("ResourceNotFoundException");
    }

    @Test
    void bad_requests_get_the_services_errors_and_change_nothing() {
        assertThat(scheduler("create-schedule", "--name", "bad", "--schedule-expression", "cron(0 10 * * *)",
                "--flexible-time-window", "Mode=OFF", "--target", lambdaTarget("{}")).stderr())
                .contains("ValidationException").contains("cron(0 10 * * *)");
        assertThat(scheduler("create-schedule", "--name", "bad", "--schedule-expression", "rate(5 minutes)",
                "--flexible-time-window", "Mode=FLEXIBLE", "--target", lambdaTarget("{}")).stderr())
                .contains("ValidationException").contains("MaximumWindowInMinutes");
        assertThat(scheduler("create-schedule", "--name", "bad", "--schedule-expression", "rate(5 minutes)",
                "--flexible-time-window", "Mode=OFF", "--target", "{\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:q\",\"RoleArn\":\"" + ROLE + "\"}")
                .stderr()).contains("ValidationException").contains("arn:aws:sqs");
        assertThat(scheduler("create-schedule", "--name", "bad", "--group-name", "nope", "--schedule-expression", "rate(5 minutes)",
                "--flexible-time-window", "Mode=OFF", "--target", lambdaTarget("{}")).stderr()).contains("ResourceNotFoundException");
        assertThat(scheduler("create-schedule", "--name", "bad", "--schedule-expression", "rate(5 minutes)",
                "--schedule-expression-timezone", "Mars/Olympus", "--flexible-time-window", "Mode=OFF", "--target", lambdaTarget("{}"))
                .stderr()).contains("ValidationException").contains("Mars/Olympus");
        assertThat(ok("list-schedules").json().get("Schedules")).isEmpty();

        ok("create-schedule", "--name", "twice", "--schedule-expression", "rate(5 minutes)", "--flexible-time-window", "Mode=OFF",
                "--target", lambdaTarget("{}"));
        assertThat(scheduler("create-schedule", "--name", "twice", "--schedule-expression", "rate(5 minutes)",
                "--flexible-time-window", "Mode=OFF", "--target", lambdaTarget("{}")).stderr()).contains("ConflictException");
        assertThat(scheduler("delete-schedule-group", "--name", "default").stderr()).contains("ValidationException");
    }
}
