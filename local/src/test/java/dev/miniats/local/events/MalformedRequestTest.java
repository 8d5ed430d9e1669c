package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests a client library would never send, written by hand over JSON 1.1: each gets
 * EventBridge's error code and a message naming the member, and the runtime keeps serving. Also
 * PutEvents' Time in both forms clients send, and InputPathsMap keys EventBridge refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private TestRuntime ats;

    @BeforeAll
    void start() {
        ats = TestRuntime.start();
        ats.events.putRule(r -> r.name("shaped").eventPattern("{\"source\":[\"x\"]}"));
    }

    @AfterAll
    void stop() {
        ats.close();
    }

    private record Answer(int status, JsonNode body) {
        String type() {
            return body.path("__type").asText();
        }

        String message() {
            return body.path("message").asText();
        }
    }

    private Answer post(String operation, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ats.runtime.endpoint() + "/"))
                    .header("X-Amz-Target", "AWSEvents." + operation).header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), TestRuntime.json(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertStillServing() {
        assertThat(ats.events.listRules(r -> r.namePrefix("shaped")).rules()).hasSize(1);
    }

    @Test
    void tag_resource_with_tags_that_are_not_a_list_is_a_serialization_exception_naming_tags() {
        Answer answer = post("TagResource", "{\"ResourceARN\":\"arn:aws:events:us-east-1:000000000000:rule/shaped\",\"Tags\":\"team\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("SerializationException");
        assertThat(answer.message()).contains("Tags");
        assertStillServing();
    }

    @Test
    void tag_resource_without_tags_is_a_validation_exception_naming_tags() {
        Answer answer = post("TagResource", "{\"ResourceARN\":\"arn:aws:events:us-east-1:000000000000:rule/shaped\"}");
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.message()).contains("'tags'").contains("must not be null");
    }

    @Test
    void untag_resource_without_tag_keys_is_a_validation_exception_naming_tag_keys() {
        Answer answer = post("UntagResource", "{\"ResourceARN\":\"arn:aws:events:us-east-1:000000000000:rule/shaped\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.message()).contains("'tagKeys'");
        Answer empty = post("UntagResource", "{\"ResourceARN\":\"arn:aws:events:us-east-1:000000000000:rule/shaped\",\"TagKeys\":[\"\"]}");
        assertThat(empty.message()).contains("tagKeys.1.member").contains("greater than or equal to 1");
        assertStillServing();
    }

    @Test
    void list_tags_for_resource_without_an_arn_is_a_validation_exception_naming_resource_arn() {
        Answer answer = post("ListTagsForResource", "{}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.message()).contains("'resourceARN'");
        Answer notJson = post("ListTagsForResource", "{\"ResourceARN\":");
        assertThat(notJson.type()).isEqualTo("SerializationException");
        assertStillServing();
    }

    @Test
    void a_list_limit_that_is_not_a_number_is_a_serialization_exception_naming_limit() {
        Answer answer = post("ListRules", "{\"Limit\":\"ten\"}");
        assertThat(answer.type()).isEqualTo("SerializationException");
        assertThat(answer.message()).contains("Limit");
        assertStillServing();
    }

    @Test
    void put_events_takes_time_as_epoch_seconds_or_as_iso_text_and_refuses_other_json() {
        String entry = "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{}\",\"Time\":";
        Answer number = post("PutEvents", "{\"Entries\":[" + entry + "1612325106.5}]}");
        Answer text = post("PutEvents", "{\"Entries\":[" + entry + "\"2021-02-03T04:05:06Z\"}]}");
        assertThat(ats.getJson("/_ats/events/" + number.body().at("/Entries/0/EventId").asText()).at("/event/time").asText())
                .isEqualTo("2021-02-03T04:05:06Z");
        assertThat(ats.getJson("/_ats/events/" + text.body().at("/Entries/0/EventId").asText()).at("/event/time").asText())
                .isEqualTo("2021-02-03T04:05:06Z");

        Answer badText = post("PutEvents", "{\"Entries\":[" + entry + "\"yesterday\"}]}");
        assertThat(badText.body().path("FailedEntryCount").asInt()).isEqualTo(1);
        assertThat(badText.body().at("/Entries/0/ErrorCode").asText()).isEqualTo("InvalidArgument");
        Answer object = post("PutEvents", "{\"Entries\":[" + entry + "{\"at\":1}}]}");
        assertThat(object.type()).isEqualTo("SerializationException");
        assertThat(object.message()).contains("Time");
        Answer nullEntry = post("PutEvents", "{\"Entries\":[null]}");
        assertThat(nullEntry.type()).isEqualTo("SerializationException");
        assertStillServing();
    }

    @Test
    void put_targets_refuses_input_paths_map_keys_starting_with_aws_dot_in_any_case() {
        for (String key : new String[] {"AWS.custom", "aws.events.rule-name", "Aws.x"}) {
            assertThatThrownBy(() -> ats.events.putTargets(r -> r.rule("shaped").targets(Target.builder().id("t")
                    .arn(TestRuntime.functionArn("ats-echo"))
                    .inputTransformer(t -> t.inputPathsMap(Map.of(key, "$.detail")).inputTemplate("\"<" + key + ">\"")).build())))
                    .isInstanceOf(EventBridgeException.class)
                    .hasMessageContaining("InputPathsMap key '" + key + "' of target t is not valid")
                    .hasMessageContaining("cannot start with \"AWS.\"")
                    .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
        assertThat(ats.events.listTargetsByRule(r -> r.rule("shaped")).targets()).as("nothing was stored").isEmpty();
        ats.events.putTargets(r -> r.rule("shaped").targets(Target.builder().id("t").arn(TestRuntime.functionArn("ats-echo"))
                .inputTransformer(t -> t.inputPathsMap(Map.of("awsome", "$.detail")).inputTemplate("\"<awsome>\"")).build()));
        assertThat(ats.events.listTargetsByRule(r -> r.rule("shaped")).targets().get(0).inputTransformer().inputPathsMap())
                .containsEntry("awsome", "$.detail");
        ats.events.removeTargets(r -> r.rule("shaped").ids("t"));
    }
}
