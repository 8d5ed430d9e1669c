package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real AWS CLI against {@code ats up} running as its own process, as a user would do it. */
@Tag("e2e")
public class AwsCliEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debian's AWS CLI v2, by path: another 'aws' (a pyenv v1) may come first on PATH. */
    static final String AWS_CLI = "/usr/bin/aws";

    public record CliResult(int exitCode, String stdout, String stderr) {
    }

    static CliResult aws(RuntimeProcess runtime, String... args) throws IOException, InterruptedException {
        return aws(runtime.endpoint(), args);
    }

    public static CliResult aws(java.net.URI endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS_CLI));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_PAGER", "");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws CLI finished").isTrue();
        return new CliResult(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void the_briefs_put_events_command_delivers_an_assessment_to_imap(@TempDir Path dataDir) throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start(dataDir)) {
            assertThat(runtime.startupLines()).anyMatch(l -> l.startsWith("AWS endpoint: http://127.0.0.1:"))
                    .anyMatch(l -> l.startsWith("SMTP: 127.0.0.1:")).anyMatch(l -> l.startsWith("IMAP: 127.0.0.1:"));

            CliResult result = aws(runtime, "events", "put-events", "--entries",
                    "[{\"Source\":\"mini-ats\",\"DetailType\":\"send-assessment\",\"EventBusName\":\"mini-ats\","
                            + "\"Detail\":\"{\\\"toEmail\\\":\\\"ada@example.com\\\",\\\"fromEmail\\\":\\\"talent@example.com\\\","
                            + "\\\"companyName\\\":\\\"Criteria Corp Testing\\\"}\"}]");

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode answer = JSON.readTree(result.stdout());
            assertThat(answer.get("FailedEntryCount").asInt()).isZero();
            assertThat(answer.at("/Entries/0/EventId").asText()).isNotBlank();

            Mailbox mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
            await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.inbox("ada@example.com").size() == 1);
            Mailbox.Mail mail = mailbox.inbox("ada@example.com").get(0);
            assertThat(mail.from()).contains("talent@example.com");
            assertThat(mail.subject()).contains("Criteria Corp Testing").contains("assessment");
            assertThat(mail.raw()).contains("Hello Ada,");
        }
    }

    @Test
    void an_entry_with_invalid_detail_json_gets_eventbridges_per_entry_error(@TempDir Path dataDir) throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start(dataDir)) {
            CliResult result = aws(runtime, "events", "put-events", "--entries",
                    "[{\"Source\":\"mini-ats\",\"DetailType\":\"send-assessment\",\"EventBusName\":\"mini-ats\",\"Detail\":\"{not json\"},"
                            + "{\"Source\":\"mini-ats\",\"DetailType\":\"send-assessment\",\"EventBusName\":\"mini-ats\",\"Detail\":\"{}\"}]");

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode answer = JSON.readTree(result.stdout());
            assertThat(answer.get("FailedEntryCount").asInt()).isEqualTo(1);
            assertThat(answer.at("/Entries/0/ErrorCode").asText()).isEqualTo("MalformedDetail");
            assertThat(answer.at("/Entries/1/EventId").asText()).isNotBlank();
        }
    }

    @Test
    void sigterm_stops_the_runtime_cleanly_and_a_restart_keeps_the_events(@TempDir Path dataDir) throws Exception {
        String eventId;
        try (RuntimeProcess runtime = RuntimeProcess.start(dataDir)) {
            CliResult put = aws(runtime, "events", "put-events", "--entries",
                    "[{\"Source\":\"mini-ats\",\"DetailType\":\"audit\",\"EventBusName\":\"mini-ats\",\"Detail\":\"{\\\"n\\\":1}\"}]");
            eventId = JSON.readTree(put.stdout()).at("/Entries/0/EventId").asText();
            assertThat(runtime.stop()).as("the JVM's exit status after SIGTERM").isIn(0, 143);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runtime.lines()).contains("Stopped."));
        }
        try (RuntimeProcess again = RuntimeProcess.start(dataDir)) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(again.endpoint().resolve("/_ats/events/" + eventId)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/event/detail/n").asInt()).isEqualTo(1);
        }
    }
}
