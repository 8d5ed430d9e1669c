package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hiring functions through the whole local runtime, checked in real IMAP inboxes. */
@Tag("e2e")
class HiringFunctionsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static EventBridgeClient events;
    static Mailbox mailbox;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.01).build());
        events = EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
    }

    @AfterAll
    static void stop() {
        events.close();
        runtime.close();
    }

    private static String put(String detailType, String detail) {
        return put(detailType, detail, java.time.Instant.now());
    }

    private static String put(String detailType, String detail, java.time.Instant time) {
        PutEventsResponse response = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .source("mini-ats").detailType(detailType).eventBusName("mini-ats").detail(detail).time(time).build()));
        assertThat(response.failedEntryCount()).isZero();
        return response.entries().get(0).eventId();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static boolean allDeliveriesSettled(String eventId) throws Exception {
        JsonNode deliveries = get("/_ats/events/" + eventId).get("deliveries");
        for (JsonNode d : deliveries) {
            if (d.get("status").asText().equals("pending")) {
                return false;
            }
        }
        return !deliveries.isEmpty();
    }

    private static String field(String ics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(;[^:\\r\\n]*)?:([^\\r\\n]*)").matcher(ics.replace("\r\n ", ""));
        return m.find() ? m.group(2) : null;
    }

    @Test
    void fifty_concurrent_schedule_interview_events_for_one_interview_send_one_invite() throws Exception {
        String detail = "{\"toEmail\":\"ines@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\","
                + "\"interview\":{\"interviewId\":\"onsite-1\",\"start\":\"2026-12-03T14:00:00Z\"}}";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(pool.submit(() -> put("schedule-interview", detail)));
        }
        List<String> eventIds = new ArrayList<>();
        for (Future<String> id : ids) {
            eventIds.add(id.get());
        }
        pool.shutdown();
        assertThat(eventIds).doesNotHaveDuplicates().hasSize(50);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (String id : eventIds) {
                if (!allDeliveriesSettled(id)) {
                    return false;
                }
            }
            return true;
        });
        List<Mailbox.Mail> inbox = mailbox.inbox("ines@example.com");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).raw()).contains("text/calendar").contains("method=REQUEST");
        for (String id : eventIds) {
            assertThat(get("/_ats/events/" + id).get("deliveries")).allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("delivered"));
        }
    }

    @Test
    void reschedule_and_cancel_keep_the_uid_and_raise_the_sequence() throws Exception {
        String base = "{\"toEmail\":\"joan@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\","
                + "\"interview\":{\"interviewId\":\"int-9\",\"start\":\"%s\"}}";
        put("schedule-interview", base.formatted("2026-12-03T14:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.inbox("joan@example.com").size() == 1);
        put("reschedule-interview", base.formatted("2026-12-04T09:30:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.inbox("joan@example.com").size() == 2);
        put("cancel-interview", base.formatted("2026-12-04T09:30:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.inbox("joan@example.com").size() == 3);

        List<String> invites = mailbox.inbox("joan@example.com").stream().map(m -> Invites.ics(m.raw())).toList();
        assertThat(invites).extracting(ics -> field(ics, "UID")).containsOnly(field(invites.get(0), "UID"));
        assertThat(invites).extracting(ics -> field(ics, "SEQUENCE")).containsExactly("0", "1", "2");
        assertThat(invites).extracting(ics -> field(ics, "METHOD")).containsExactly("REQUEST", "REQUEST", "CANCEL");
        assertThat(field(invites.get(1), "DTSTART")).isEqualTo("20261204T093000Z");
        assertThat(field(invites.get(2), "STATUS")).isEqualTo("CANCELLED");

        // As read back over IMAP: valid iTIP for its METHOD (ical4j), and the same facts from an
        // independent parser (ical.js under Node.js).
        for (String ics : invites) {
            var calendar = new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics));
            assertThat(new net.fortuna.ical4j.validate.ITIPValidator().validate(calendar).hasErrors()).as(ics).isFalse();
        }
        List<JsonNode> parsed = new ArrayList<>();
        for (String ics : invites) {
            parsed.add(dev.miniats.functions.IcalJs.parse(ics));
        }
        assertThat(parsed).extracting(p -> p.get("uid").asText()).containsOnly(field(invites.get(0), "UID"));
        assertThat(parsed).extracting(p -> p.get("sequence").asInt()).containsExactly(0, 1, 2);
        assertThat(parsed).extracting(p -> p.get("method").asText()).containsExactly("REQUEST", "REQUEST", "CANCEL");
        assertThat(parsed.get(1).get("dtstart").asText()).isEqualTo("2026-12-04T09:30:00.000Z");
        assertThat(parsed.get(2).get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void a_partner_candidate_gets_no_email_at_any_stage_but_lands_on_the_roster() throws Exception {
        List<String> partnerEvents = new ArrayList<>();
        for (String type : List.of("send-assessment", "schedule-interview", "send-offer-letter")) {
            partnerEvents.add(put(type, "{\"toEmail\":\"pat@example.com\",\"fromEmail\":\"talent@example.com\","
                    + "\"companyName\":\"Insight Partners\",\"candidateName\":\"Pat Partner\",\"partner\":{\"testingDay\":\"2026-12-12\"}}"));
            put(type, "{\"toEmail\":\"nora@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.inbox("nora@example.com").size() == 3);
        for (String id : partnerEvents) {
            await().atMost(Duration.ofSeconds(20)).until(() -> allDeliveriesSettled(id));
            assertThat(get("/_ats/events/" + id).get("deliveries")).extracting(d -> d.get("rule").asText())
                    .containsExactlyInAnyOrder("collect-partner-roster", "record-pipeline");
        }
        assertThat(mailbox.inbox("pat@example.com")).isEmpty();

        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/_ats/roster.csv?company="
                + URLEncoder.encode("insight partners", StandardCharsets.UTF_8) + "&day=2026-12-12")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("candidate_name,event_id,candidate_id,testing_day,company");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("Pat Partner,").contains("pat@example.com", "2026-12-12", "Insight Partners");
        assertThat(partnerEvents).anySatisfy(id -> assertThat(lines.get(1)).contains(id));
    }

    @Test
    void the_roster_digest_is_one_email_to_the_coordinator_with_the_csv_attached() throws Exception {
        String id = put("send-assessment", "{\"toEmail\":\"rui@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Insight Partners\",\"candidateName\":\"Rui Costa\",\"partner\":{\"testingDay\":\"2026-12-19\"}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> allDeliveriesSettled(id));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/_ats/roster/digest"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"company\":\"Insight Partners\",\"day\":\"2026-12-19\","
                        + "\"to\":\"coordinator@insight.example\",\"from\":\"talent@example.com\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.inbox("coordinator@insight.example").size() == 1);
        String raw = mailbox.inbox("coordinator@insight.example").get(0).raw();
        assertThat(raw).contains("Rui Costa").contains(id).contains("roster-2026-12-19.csv");
    }

    @Test
    void a_roster_digest_to_a_malformed_address_is_refused_naming_the_field_and_sends_nothing() throws Exception {
        long before = runtime.mailStore().count();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/_ats/roster/digest"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"company\":\"Insight Partners\",\"day\":\"2026-12-19\","
                        + "\"to\":\"Coordinator <c@insight.example>\\r\\nBcc: x@evil.example\",\"from\":\"talent@example.com\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("ValidationException").contains("to");
        assertThat(runtime.mailStore().count()).isEqualTo(before);
    }

    @Test
    void the_pipeline_api_lists_candidates_by_their_current_stage_with_history() throws Exception {
        // A day apart, as stages are: EventBridge's time has one-second precision, and the pipeline
        // orders events of the same second by event id, not by arrival.
        put("send-assessment", "{\"toEmail\":\"kim@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}",
                java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
        String offer = put("send-offer-letter", "{\"toEmail\":\"kim@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> allDeliveriesSettled(offer));

        JsonNode offers = get("/_ats/pipeline?stage=" + URLEncoder.encode("offer sent", StandardCharsets.UTF_8));
        JsonNode kim = null;
        for (JsonNode c : offers.get("candidates")) {
            if (c.get("candidateId").asText().equals("kim@example.com")) {
                kim = c;
            }
        }
        assertThat(kim).as("kim is listed at 'offer sent'").isNotNull();
        assertThat(kim.get("history")).extracting(h -> h.get("stage").asText()).containsExactly("assessment sent", "offer sent");
        assertThat(offers.get("counts").get("offer sent").asInt()).isPositive();
    }
}
