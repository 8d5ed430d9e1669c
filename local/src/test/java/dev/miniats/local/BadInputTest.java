package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Malformed requests get AWS-shaped errors, bad events become recorded failures, and the runtime keeps serving. */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static EventBridgeClient events;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build());
        events = EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stop() {
        events.close();
        runtime.close();
    }

    private static HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertStillServing() {
        PutEventsResponse ok = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .source("mini-ats").detailType("audit").eventBusName("mini-ats").detail("{}").build()));
        assertThat(ok.failedEntryCount()).isZero();
    }

    @Test
    void a_malformed_json_body_is_a_serialization_exception() throws Exception {
        HttpResponse<String> response = post("AWSEvents.PutEvents", "{\"Entries\": [");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("__type").asText()).isEqualTo("SerializationException");
        assertStillServing();
    }

    @Test
    void an_unknown_target_is_an_unknown_operation_exception() throws Exception {
        HttpResponse<String> response = post("AWSEvents.LaunchRockets", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(body.get("message").asText()).contains("LaunchRockets");
        assertStillServing();
    }

    @Test
    void more_than_ten_entries_is_a_validation_exception_and_nothing_is_stored() throws Exception {
        long before = runtime.eventLog().count();
        String entry = "{\"Source\":\"mini-ats\",\"DetailType\":\"audit\",\"Detail\":\"{}\",\"EventBusName\":\"mini-ats\"}";
        HttpResponse<String> response = post("AWSEvents.PutEvents", "{\"Entries\":[" + String.join(",", java.util.Collections.nCopies(11, entry)) + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("__type").asText()).isEqualTo("ValidationException");
        assertThat(runtime.eventLog().count()).isEqualTo(before);
    }

    @Test
    void invalid_detail_and_unknown_bus_get_per_entry_errors_while_good_entries_are_accepted() {
        PutEventsResponse response = events.putEvents(r -> r.entries(
                PutEventsRequestEntry.builder().source("mini-ats").detailType("send-assessment").eventBusName("mini-ats").detail("[1,2]").build(),
                PutEventsRequestEntry.builder().source("mini-ats").detailType("send-assessment").eventBusName("no-such-bus").detail("{}").build(),
                PutEventsRequestEntry.builder().source("mini-ats").detailType("audit").eventBusName("mini-ats").detail("{}").build()));

        assertThat(response.failedEntryCount()).isEqualTo(2);
        assertThat(response.entries().get(0).errorCode()).isEqualTo("MalformedDetail");
        assertThat(response.entries().get(1).errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(response.entries().get(1).errorMessage()).contains("no-such-bus");
        assertThat(response.entries().get(2).eventId()).isNotBlank();
    }

    @Test
    void an_event_missing_to_email_is_dead_lettered_at_once_with_the_field_named() throws Exception {
        PutEventsResponse response = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .source("mini-ats").detailType("send-assessment").eventBusName("mini-ats")
                .detail("{\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}").build()));
        String eventId = response.entries().get(0).eventId();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(eventId).path("status").asText().equals("dead"));
        JsonNode delivery = delivery(eventId);
        assertThat(delivery.get("target").asText()).isEqualTo("send-assessment");
        assertThat(delivery.get("attempts").asInt()).as("a validation error is not retried").isEqualTo(1);
        assertThat(delivery.get("errorCode").asText()).isEqualTo("InvalidEventException");
        assertThat(delivery.get("errorMessage").asText()).contains("detail.toEmail").contains("expected");
        assertStillServing();
    }

    private static JsonNode delivery(String eventId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/_ats/events/" + eventId)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("deliveries").path(0);
    }
}
