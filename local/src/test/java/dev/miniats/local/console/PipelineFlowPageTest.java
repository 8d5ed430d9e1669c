package dev.miniats.local.console;

import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The pipeline board's conversion and time-in-stage table, from events put on the bus. */
class PipelineFlowPageTest {
    static TestRuntime ats;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ats = TestRuntime.start(0.001);
    }

    @AfterAll
    static void stop() {
        ats.close();
    }

    private static void put(String type, String candidate, Instant time) {
        String detail = "{\"toEmail\":\"" + candidate + "@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\","
                + "\"candidateId\":\"" + candidate + "\",\"interview\":{\"start\":\"2026-12-20T09:00:00Z\"}}";
        ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType(type).eventBusName("mini-ats")
                .detail(detail).time(time).build()));
    }

    private static String cell(String page, String attribute, String key) {
        Matcher m = Pattern.compile("data-" + attribute + "=\"" + key + "\">([^<]*)").matcher(page);
        return m.find() ? m.group(1).strip() : null;
    }

    @Test
    void the_board_shows_how_many_reached_each_stage_how_many_went_on_and_how_long_they_stayed() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T09:00:00Z");
        put("send-assessment", "flow-a", t0);
        put("assessment-completed", "flow-a", t0.plus(Duration.ofHours(30)));
        put("send-assessment", "flow-b", t0);
        put("reject-candidate", "flow-b", t0.plus(Duration.ofHours(6)));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String page = HTTP.send(HttpRequest.newBuilder(URI.create(ats.runtime.endpoint() + "/console/pipeline/board")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return "1".equals(cell(page, "exit", "rejected")) && "1".equals(cell(page, "reached", "assessment-completed"));
        });
        String page = HTTP.send(HttpRequest.newBuilder(URI.create(ats.runtime.endpoint() + "/console/pipeline/board")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(cell(page, "reached", "assessment-sent")).isEqualTo("2");
        assertThat(cell(page, "conversion", "assessment-sent")).isEqualTo("50%");
        assertThat(cell(page, "time", "assessment-sent")).isEqualTo("18 h 0 min"); // the median of 30 h and 6 h
        assertThat(cell(page, "exit", "withdrawn")).isEqualTo("0");
    }
}
