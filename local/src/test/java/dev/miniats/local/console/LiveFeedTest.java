package dev.miniats.local.console;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.events.EventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LiveFeedTest {
    @TempDir
    Path dataDir;

    @Test
    void an_appended_event_is_announced_on_the_stream_and_stopping_the_runtime_ends_it() throws Exception {
        LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(runtime.endpoint().resolve("/console/stream")).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();
        java.util.List<String> preamble = new java.util.ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String line;
            while (!(line = lines.next()).equals(": connected")) {
                preamble.add(line);
            }
        });
        // A new stream first asks its page to refresh once, catching up on what changed since the render.
        assertThat(preamble).contains("event: " + LiveFeed.EVENT);

        runtime.eventLog().append(List.of(new EventLog.NewEvent("e-1", "mini-ats", "mini-ats", "send-assessment",
                "{\"detail\":{\"toEmail\":\"a@example.com\"}}", null, 1L, List.of())));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!lines.next().equals("event: " + LiveFeed.EVENT)) {
                // keep-alive comments and earlier changes
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(3), runtime::close);
    }
}
