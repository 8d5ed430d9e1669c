package dev.miniats.local.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.ats.PipelineReadModel;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.sqlite.SqlitePipelineStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds 100,000 events for 10,000 candidates, with the stage history the {@code record-pipeline}
 * function would record for them, and reports how long the pipeline page takes on the server.
 * Prints the figures; asserts only what the page shows, never timing (machines differ).
 */
@Tag("benchmark")
class PipelinePageBenchmarkTest {
    static final int CANDIDATES = 10_000;
    static final int EVENTS = 100_000;
    static final String[] TYPES = {"send-assessment", "schedule-interview", "reschedule-interview", "cancel-interview",
            "schedule-interview", "send-offer-letter"};

    @TempDir
    Path dataDir;

    @Test
    void the_pipeline_page_shows_ten_thousand_candidates_from_a_hundred_thousand_events() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build())) {
            long seedStart = System.nanoTime();
            SqlitePipelineStore store = new SqlitePipelineStore(runtime.database());
            seed(runtime.eventLog(), store);
            long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
            HttpClient http = HttpClient.newHttpClient();
            String base = runtime.endpoint().toString();

            // The runtime's own read model warmed up at start on an empty history; this measures a whole-history load.
            long loadStart = System.nanoTime();
            new PipelineReadModel(store).search(null, null, 0, 50);
            long projection = (System.nanoTime() - loadStart) / 1_000_000;
            long cold = time(http, base + "/console/");
            String page = http.send(HttpRequest.newBuilder(java.net.URI.create(base + "/console/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long warm = median(http, base + "/console/", 15);
            long search = median(http, base + "/console/?q=candidate-4242", 15);
            long deep = median(http, base + "/console/?stage=offer-sent&page=20", 15);
            EventLog.NewEvent late = event(CANDIDATES + 1, "send-assessment", EVENTS);
            runtime.eventLog().append(List.of(late));
            store.record(change(late, EVENTS));
            long afterNewEvent = time(http, base + "/console/");
            String after = http.send(HttpRequest.newBuilder(java.net.URI.create(base + "/console/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            System.out.printf("pipeline page, %,d candidates / %,d events (seeded in %,d ms): read model load %d ms, first load %d ms,"
                            + " warm %d ms, search %d ms, stage page 20 %d ms, first load after a new event %d ms%n",
                    CANDIDATES, EVENTS, seedMillis, projection, cold, warm, search, deep, afterNewEvent);
            assertThat(page).contains(CANDIDATES + " of " + CANDIDATES + " candidates");
            assertThat(after).contains((CANDIDATES + 1) + " of " + (CANDIDATES + 1) + " candidates");
        }
    }

    private static void seed(EventLog log, SqlitePipelineStore store) {
        List<EventLog.NewEvent> batch = new ArrayList<>();
        List<StageChange> changes = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            EventLog.NewEvent event = event(i % CANDIDATES, TYPES[(i / CANDIDATES) % TYPES.length], i);
            batch.add(event);
            changes.add(change(event, i));
            if (batch.size() == 10_000) {
                log.append(batch);
                store.recordAll(changes);
                batch.clear();
                changes.clear();
            }
        }
        log.append(batch);
        store.recordAll(changes);
    }

    /** What record-pipeline records for {@code event}: its candidate (the lower-cased toEmail) at its stage. */
    private static StageChange change(EventLog.NewEvent event, int n) {
        var detail = Json.read(event.envelope()).path("detail");
        String company = detail.path("companyName").asText();
        return new StageChange(detail.path("toEmail").asText(), event.id(),
                Stage.of(DetailType.fromWireName(event.detailType()), company.equals("Insight Partners")),
                Instant.ofEpochMilli(1_795_000_000_000L + n), company, detail.path("candidateName").asText());
    }

    private static EventLog.NewEvent event(int candidate, String type, int n) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        String id = UUID.randomUUID().toString();
        envelope.put("version", "0").put("id", id).put("detail-type", type).put("source", "mini-ats")
                .put("account", "000000000000").put("time", "2026-11-27T00:00:00Z").put("region", "us-east-1");
        envelope.putArray("resources");
        ObjectNode detail = envelope.putObject("detail");
        detail.put("toEmail", "candidate-" + candidate + "@example.com").put("fromEmail", "talent@example.com")
                .put("companyName", candidate % 20 == 0 ? "Insight Partners" : "Criteria Corp Testing")
                .put("candidateName", "Candidate " + candidate);
        return new EventLog.NewEvent(id, "mini-ats", "mini-ats", type, envelope.toString(), null,
                1_795_000_000_000L + n, List.of());
    }

    private static long median(HttpClient http, String url, int runs) throws Exception {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = time(http, url);
        }
        java.util.Arrays.sort(times);
        return times[runs / 2];
    }

    private static long time(HttpClient http, String url) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
