package dev.miniats.local.aws;

import dev.miniats.local.TestRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PutEvents served ahead of the web framework answers as the framework's JSON 1.1 path does: the
 * same answer, the same errors, the same durable commit; and a request the lean path must not take
 * (no length: chunked) is still served, by the framework.
 */
class LeanJsonPathTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ONE_ENTRY = "{\"Entries\":[{\"Source\":\"lean.test\",\"DetailType\":\"probe\",\"Detail\":\"{\\\"n\\\":1}\"}]}";
    private static TestRuntime ats;

    @BeforeAll
    static void start() {
        ats = TestRuntime.start();
    }

    @AfterAll
    static void stop() {
        ats.close();
    }

    @Test
    void put_events_is_answered_with_its_event_id_after_the_event_is_committed() throws Exception {
        HttpResponse<String> answer = putEvents(HttpRequest.BodyPublishers.ofString(ONE_ENTRY), "events");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(answer.headers().firstValue("x-amzn-RequestId").orElse("")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        JsonNode json = TestRuntime.json(answer.body());
        assertThat(json.path("FailedEntryCount").asInt(-1)).isZero();
        String id = json.path("Entries").path(0).path("EventId").asText();
        assertThat(ats.runtime.eventLog().event(id)).hasValueSatisfying(e -> assertThat(e.source()).isEqualTo("lean.test"));
    }

    @Test
    void a_malformed_body_gets_the_json_1_1_serialization_error_with_its_code_in_header_and_body() throws Exception {
        HttpResponse<String> answer = putEvents(HttpRequest.BodyPublishers.ofString("{\"Entries\": [oops"), "events");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode json = TestRuntime.json(answer.body());
        assertThat(json.path("__type").asText()).isEqualTo("SerializationException");
        assertThat(json.path("message").asText()).contains("not valid JSON");
        assertThat(json.has("Message")).isFalse();
    }

    @Test
    void eleven_entries_are_refused_naming_the_limit() throws Exception {
        String entry = "{\"Source\":\"lean.test\",\"DetailType\":\"probe\",\"Detail\":\"{}\"}";
        String body = "{\"Entries\":[" + String.join(",", java.util.Collections.nCopies(11, entry)) + "]}";

        HttpResponse<String> answer = putEvents(HttpRequest.BodyPublishers.ofString(body), null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(TestRuntime.json(answer.body()).path("message").asText()).contains("'entries'").contains("less than or equal to 10");
    }

    @Test
    void a_chunked_put_events_is_served_by_the_framework_with_the_same_answer() throws Exception {
        HttpResponse<String> answer = putEvents(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(ONE_ENTRY.getBytes(StandardCharsets.UTF_8))), "events");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-amz-json-1.1");
        JsonNode json = TestRuntime.json(answer.body());
        assertThat(json.path("FailedEntryCount").asInt(-1)).isZero();
        assertThat(ats.runtime.eventLog().event(json.path("Entries").path(0).path("EventId").asText())).isPresent();
    }

    /**
     * The lean path reads the body's bytes with no String decoded first; a blank body, malformed
     * JSON, malformed UTF-8, a body that is not an object and text beyond ASCII are answered as the
     * framework (chunked, so it takes the request) answers them.
     */
    @Test
    void bodies_read_as_bytes_are_answered_as_the_framework_answers_them() throws Exception {
        byte[] malformedUtf8 = "{\"Entries\":[{\"Source\":\"lean.test\",\"DetailType\":\"probe\",\"Detail\":\"{\\\"name\\\":\\\"Zo#\\\"}\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        malformedUtf8[new String(malformedUtf8, StandardCharsets.UTF_8).indexOf('#')] = (byte) 0xC3; // a lead byte with no continuation
        List<byte[]> bodies = List.of(new byte[0], " \n\t".getBytes(StandardCharsets.UTF_8), "[1]".getBytes(StandardCharsets.UTF_8),
                "{\"Entries\": [oops".getBytes(StandardCharsets.UTF_8), malformedUtf8, ("\uFEFF" + ONE_ENTRY).getBytes(StandardCharsets.UTF_8),
                ONE_ENTRY.getBytes(StandardCharsets.UTF_16LE), ONE_ENTRY.getBytes(StandardCharsets.UTF_16), "{\"Entries\":[]}".getBytes(Charset.forName("UTF-32BE")),
                "{\"Entries\":[{\"Source\":\"lean.test\",\"DetailType\":\"probe\",\"Detail\":\"{\\\"name\\\":\\\"Zoë 日本 😀\\\"}\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bodies) {
            HttpResponse<String> lean = putEvents(HttpRequest.BodyPublishers.ofByteArray(body), "events");
            HttpResponse<String> framework = putEvents(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "events");
            String what = new String(body, StandardCharsets.UTF_8);

            assertThat(lean.statusCode()).as(what).isEqualTo(framework.statusCode());
            assertThat(lean.headers().firstValue("x-amzn-ErrorType")).as(what).isEqualTo(framework.headers().firstValue("x-amzn-ErrorType"));
            JsonNode leanJson = TestRuntime.json(lean.body());
            JsonNode frameworkJson = TestRuntime.json(framework.body());
            assertThat(leanJson.path("message")).as(what).isEqualTo(frameworkJson.path("message"));
            if (lean.statusCode() == 200) {
                assertThat(leanJson.path("FailedEntryCount")).as(what).isEqualTo(frameworkJson.path("FailedEntryCount"));
                String leanEvent = ats.runtime.eventLog().event(leanJson.path("Entries").path(0).path("EventId").asText()).orElseThrow().envelope();
                String frameworkEvent = ats.runtime.eventLog().event(frameworkJson.path("Entries").path(0).path("EventId").asText()).orElseThrow().envelope();
                assertThat(TestRuntime.json(leanEvent).path("detail")).as(what).isEqualTo(TestRuntime.json(frameworkEvent).path("detail"));
            }
        }
        JsonNode stored = TestRuntime.json(ats.runtime.eventLog().event(TestRuntime.json(
                putEvents(HttpRequest.BodyPublishers.ofByteArray(bodies.get(bodies.size() - 1)), "events").body()).path("Entries").path(0).path("EventId").asText())
                .orElseThrow().envelope());
        assertThat(stored.path("detail").path("name").asText()).isEqualTo("Zoë 日本 😀");
    }

    private static HttpResponse<String> putEvents(HttpRequest.BodyPublisher body, String signedFor) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ats.runtime.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSEvents.PutEvents")
                .POST(body);
        if (signedFor != null) {
            request.header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261203/us-east-1/" + signedFor
                    + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
