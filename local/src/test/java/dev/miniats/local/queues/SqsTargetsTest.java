package dev.miniats.local.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** SQS queues as rule targets: rules put with the SDK, messages read with the AWS CLI v2. */
class SqsTargetsTest {
    @RegisterExtension
    static final QueueRuntime runtime = new QueueRuntime();
    private static TestRuntime ats;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        ats = runtime.ats;
        aws = runtime.aws;
    }

    private static void rule(String name, Target target) {
        ats.events.putRule(r -> r.name(name).eventPattern("{\"source\":[\"" + name + "\"]}"));
        ats.events.putTargets(r -> r.rule(name).targets(target));
    }

    private static String put(String source, String detail) {
        return runtime.put(source, detail);
    }

    private static JsonNode receive(String url) {
        return runtime.receive(url);
    }

    @Test
    void an_event_matching_a_rule_with_a_queue_target_becomes_a_message() {
        String url = runtime.queue("inbox");
        rule("to-queue", Target.builder().id("q").arn("arn:aws:sqs:us-east-1:000000000000:inbox").build());
        String eventId = put("to-queue", "{\"candidate\":\"ada\"}");

        JsonNode body = TestRuntime.json(receive(url).get("Body").asText());
        assertThat(body.get("id").asText()).isEqualTo(eventId);
        assertThat(body.at("/detail/candidate").asText()).isEqualTo("ada");
        await().atMost(Duration.ofSeconds(10)).until(() -> ats.getJson("/_ats/events/" + eventId).at("/deliveries/0/status").asText()
                .equals("delivered"));
        assertThat(ats.getJson("/_ats/events/" + eventId).at("/deliveries/0/result").asText()).contains("MessageId");
    }

    @Test
    void an_input_transformer_shapes_the_message_body() {
        String url = runtime.queue("shaped");
        rule("shaped", Target.builder().id("q").arn("arn:aws:sqs:us-east-1:000000000000:shaped")
                .inputTransformer(t -> t.inputPathsMap(Map.of("who", "$.detail.candidate"))
                        .inputTemplate("{\"hello\": <who>, \"rule\": \"<aws.events.rule-name>\"}")).build());
        put("shaped", "{\"candidate\":\"grace\"}");

        JsonNode body = TestRuntime.json(receive(url).get("Body").asText());
        assertThat(body.get("hello").asText()).isEqualTo("grace");
        assertThat(body.get("rule").asText()).isEqualTo("shaped");
    }

    @Test
    void an_input_path_sends_only_that_part_of_the_event() {
        String url = runtime.queue("details");
        rule("details", Target.builder().id("q").arn("arn:aws:sqs:us-east-1:000000000000:details").inputPath("$.detail").build());
        put("details", "{\"stage\":\"offer\"}");

        assertThat(TestRuntime.json(receive(url).get("Body").asText())).isEqualTo(TestRuntime.json("{\"stage\":\"offer\"}"));
    }

    @Test
    void a_fifo_queue_target_gets_its_message_group_id() {
        String url = runtime.queue("ordered.fifo", "--attributes", "FifoQueue=true");
        rule("ordered", Target.builder().id("q").arn("arn:aws:sqs:us-east-1:000000000000:ordered.fifo")
                .sqsParameters(p -> p.messageGroupId("candidates")).build());
        assertThat(ats.events.listTargetsByRule(r -> r.rule("ordered")).targets().get(0).sqsParameters().messageGroupId())
                .isEqualTo("candidates");
        String eventId = put("ordered", "{}");

        JsonNode message = receive(url);
        assertThat(message.at("/Attributes/MessageGroupId").asText()).isEqualTo("candidates");
        assertThat(message.at("/Attributes/MessageDeduplicationId").asText()).isEqualTo(eventId);
    }

    @Test
    void a_fifo_queue_target_without_sqs_parameters_is_refused_naming_the_target() {
        ats.events.putRule(r -> r.name("unordered").eventPattern("{\"source\":[\"unordered\"]}"));
        assertThatThrownBy(() -> ats.events.putTargets(r -> r.rule("unordered").targets(Target.builder().id("fifo-target")
                .arn("arn:aws:sqs:us-east-1:000000000000:any.fifo").build())))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).contains("SqsParameters").contains("fifo-target");
                });
    }

    @Test
    void a_queue_target_that_does_not_exist_is_dead_lettered_at_once() {
        String dlq = runtime.queue("missing-target-dlq");
        rule("missing-queue", Target.builder().id("q").arn("arn:aws:sqs:us-east-1:000000000000:not-there")
                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:missing-target-dlq")).build());
        put("missing-queue", "{}");

        JsonNode message = receive(dlq);
        assertThat(message.at("/MessageAttributes/ERROR_CODE/StringValue").asText()).isEqualTo("NO_RESOURCE");
        assertThat(message.at("/MessageAttributes/TARGET_ARN/StringValue").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:not-there");
    }
}
