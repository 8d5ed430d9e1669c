package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real AWS CLI v2 ({@code /usr/bin/aws events …}) pointed at a test runtime with --endpoint-url. */
final class AwsCli {
    static final Path AWS = Path.of("/usr/bin/aws");

    /** The CLI's outcome: exit code, stdout parsed as JSON when there is any, stderr. */
    record Outcome(int exit, JsonNode json, String stderr) {
    }

    private final TestRuntime ats;

    AwsCli(TestRuntime ats) {
        this.ats = ats;
    }

    static boolean installed() {
        return Files.isExecutable(AWS);
    }

    Outcome run(String... args) {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", ats.runtime.endpoint().toString(),
                "--region", "us-east-1", "--output", "json", "events"));
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
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command, asserting it succeeds; its JSON output (null when it prints nothing). */
    JsonNode ok(String... args) {
        Outcome outcome = run(args);
        assertThat(outcome.exit()).as("aws events %s: %s", String.join(" ", args), outcome.stderr()).isZero();
        return outcome.json();
    }
}
