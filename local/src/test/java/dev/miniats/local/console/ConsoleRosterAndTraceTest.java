package dev.miniats.local.console;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The partner roster and trace waterfall pages, fed by events put with the AWS SDK. */
class ConsoleRosterAndTraceTest {
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static EventBridgeClient events;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        events = EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stop() {
        events.close();
        runtime.close();
    }

    private static String put(String detailType, String detail) {
        return events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType(detailType)
                .eventBusName("mini-ats").detail(detail).build())).entries().get(0).eventId();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(runtime.endpoint().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
        return page.body();
    }

    @Test
    void the_roster_page_lists_a_partners_candidates_with_their_event_ids_escaped() throws Exception {
        String id = put("send-assessment", "{\"toEmail\":\"mallory@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"insight partners\",\"candidateName\":\"<script>alert(1)</script>\","
                + "\"partner\":{\"testingDay\":\"2026-12-12\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/console/roster").contains(id));
        String page = get("/console/roster?company=Insight+Partners&day=2026-12-12");
        assertThat(page).contains("on-site testing day 2026-12-12").contains(id)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>")
                // Mustache escapes '=' as &#61; inside the href; a browser decodes it back.
                .containsPattern("/_ats/roster\\.csv\\?company(=|&#61;)Insight\\+Partners&amp;day(=|&#61;)2026-12-12");
        assertThat(get("/console/roster/print?company=Insight+Partners&day=2026-12-12"))
                .contains(id).contains("&lt;script&gt;").doesNotContain("<nav");
    }

    @Test
    void an_events_trace_shows_put_match_deliver_and_invoke_as_a_waterfall() throws Exception {
        String id = put("send-offer-letter", "{\"toEmail\":\"wanda@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/console/events/" + id).contains("Trace waterfall"));
        Matcher link = Pattern.compile("href=\"(/console/traces/[0-9a-f]{32})\"").matcher(get("/console/events/" + id));
        assertThat(link.find()).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(link.group(1)))
                .contains(">put ").contains(">match ").contains(">deliver send-offer-letter/send-offer-letter ")
                .contains(">invoke ").contains("class=\"span-bar\""));
    }

    @Test
    void a_trace_id_that_is_not_hex_is_not_found() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(runtime.endpoint().resolve("/console/traces/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
    }
}
