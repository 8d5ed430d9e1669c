package dev.miniats.local.lambda;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Queued {@code Event} invocations and their pending retries are in SQLite, so a restart picks them up. */
@Tag("e2e")
class AsyncInvocationRestartTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path out;

    private LocalRuntime start(double timeScale) {
        return LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(timeScale).build());
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void queued_events_and_pending_retries_survive_a_restart_and_are_retried_twice_in_all() throws Exception {
        Path flakyAttempts = out.resolve("flaky.txt");
        Path queuedAttempts = out.resolve("queued.txt");
        String recorder = "import { appendFileSync } from 'node:fs';\nexport const handler = async (e) => {"
                + " appendFileSync(process.env.ATTEMPTS, e.id + '\\n'); if (e.fail) throw new Error('always'); return 'ok'; };";
        try (LocalRuntime first = start(0.05)) { // retries 3 s and 6 s after a failure: well after this runtime stops
            UserFunctionsHttp lambda = new UserFunctionsHttp(first).withRole();
            for (var fn : Map.of("flaky", flakyAttempts, "queued", queuedAttempts).entrySet()) {
                assertThat(lambda.create(fn.getKey(), "nodejs20.x", "index.handler", Zips.of(Map.of("index.mjs", recorder)),
                        Map.of("Environment", Map.of("Variables", Map.of("ATTEMPTS", fn.getValue().toString())))).status()).isEqualTo(201);
            }
            // no concurrency at all: the event is throttled and waits in the queue without using up a retry
            assertThat(lambda.send("PUT", "/2017-10-31/functions/queued/concurrency", "{\"ReservedConcurrentExecutions\":0}", Map.of())
                    .status()).isEqualTo(200);

            assertThat(lambda.invoke("flaky", "{\"id\":\"f1\",\"fail\":true}", Map.of("X-Amz-Invocation-Type", "Event")).status())
                    .isEqualTo(202);
            assertThat(lambda.invoke("queued", "{\"id\":\"q1\"}", Map.of("X-Amz-Invocation-Type", "Event")).status()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> lines(flakyAttempts).size() == 1);
            await().pollDelay(Duration.ofMillis(500)).until(() -> true); // the retry is recorded after the failed attempt
        }
        assertThat(lines(flakyAttempts)).as("stopped before the first retry was due").containsExactly("f1");
        assertThat(lines(queuedAttempts)).as("throttled until the stop").isEmpty();

        try (LocalRuntime second = start(0.01)) {
            UserFunctionsHttp lambda = new UserFunctionsHttp(second);
            assertThat(lambda.send("DELETE", "/2017-10-31/functions/queued/concurrency", null, Map.of()).status()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(20)).until(() -> lines(flakyAttempts).size() >= 3 && lines(queuedAttempts).size() >= 1);
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            assertThat(lines(flakyAttempts)).as("the first attempt and Lambda's two retries, no more").containsExactly("f1", "f1", "f1");
            assertThat(lines(queuedAttempts)).as("delivered once, after the restart").containsExactly("q1");
        }
        try (LocalRuntime third = start(0.01)) {
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            assertThat(lines(flakyAttempts)).as("nothing left in the queue").hasSize(3);
            assertThat(lines(queuedAttempts)).hasSize(1);
        }
    }
}
