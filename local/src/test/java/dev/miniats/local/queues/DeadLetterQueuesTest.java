package dev.miniats.local.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * EventBridge's dead-letter queues on real SQS queues: rules made with the SDK, queues read with
 * the AWS CLI v2, the runtime's own API listing and redriving what the queues hold.
 */
class DeadLetterQueuesTest {
    @RegisterExtension
    static final QueueRuntime runtime = new QueueRuntime();
    private static TestRuntime ats;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        ats = runtime.ats;
        aws = runtime.aws;
    }

    private static String queue(String name) {
        return runtime.queue(name);
    }

    private static void rule(String name, String function, int retries, String deadLetterArn) {
        ats.events.putRule(r -> r.name(name).eventPattern("{\"source\":[\"" + name + "\"]}"));
        Target.Builder target = Target.builder().id("t-" + name).arn(TestRuntime.functionArn(function))
                .retryPolicy(p -> p.maximumRetryAttempts(retries).maximumEventAgeInSeconds(3600));
        if (deadLetterArn != null) {
            target.deadLetterConfig(d -> d.arn(deadLetterArn));
        }
        ats.events.putTargets(r -> r.rule(name).targets(target.build()));
    }

    private static String put(String source, String detail) {
        return runtime.put(source, detail);
    }

    private static JsonNode receive(String url) {
        return runtime.receive(url);
    }

    private static String attribute(JsonNode message, String name) {
        return message.at("/MessageAttributes/" + name + "/StringValue").asText(null);
    }

    private static String approximateMessages(String url) {
        return aws.ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
                .at("/Attributes/ApproximateNumberOfMessages").asText();
    }

    @Test
    void exhausted_retries_send_the_event_to_the_dead_letter_queue_with_eventbridges_attributes() {
        String url = queue("failing-dlq");
        rule("failing", "ats-fail", 2, "arn:aws:sqs:us-east-1:000000000000:failing-dlq");
        String eventId = put("failing", "{\"n\":1}");

        JsonNode message = receive(url);
        assertThat(TestRuntime.json(message.get("Body").asText()).get("id").asText()).isEqualTo(eventId);
        assertThat(attribute(message, "RULE_ARN")).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/failing");
        assertThat(attribute(message, "TARGET_ARN")).isEqualTo(TestRuntime.functionArn("ats-fail"));
        assertThat(attribute(message, "ERROR_CODE")).isEqualTo("ERROR_FROM_TARGET");
        assertThat(attribute(message, "ERROR_MESSAGE")).startsWith("DiagnosticFailure: ").contains("ats-fail");
        assertThat(attribute(message, "EXHAUSTED_RETRY_CONDITION")).isEqualTo("MaximumRetryAttempts");
        assertThat(attribute(message, "RETRY_ATTEMPTS")).isEqualTo("2");
    }

    @Test
    void a_permanent_failure_names_no_exhausted_retry_condition() {
        String url = queue("ghost-dlq");
        rule("ghost", "no-such-function", 185, "arn:aws:sqs:us-east-1:000000000000:ghost-dlq");
        put("ghost", "{}");

        JsonNode message = receive(url);
        assertThat(attribute(message, "ERROR_CODE")).isEqualTo("NO_RESOURCE");
        assertThat(attribute(message, "RETRY_ATTEMPTS")).isEqualTo("0");
        assertThat(attribute(message, "EXHAUSTED_RETRY_CONDITION")).isNull();
    }

    @Test
    void a_missing_dead_letter_queue_drops_the_event_and_says_so() {
        rule("nowhere", "ats-reject", 0, "arn:aws:sqs:us-east-1:000000000000:never-created");
        String eventId = put("nowhere", "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> ats.getJson("/_ats/dead-letters/dropped").findValuesAsText("eventId").contains(eventId));
        JsonNode dropped = null;
        for (JsonNode d : ats.getJson("/_ats/dead-letters/dropped")) {
            dropped = eventId.equals(d.path("eventId").asText()) ? d : dropped;
        }
        assertThat(dropped.get("dropped").asText()).contains("never-created").contains("does not exist")
                .contains("InvocationsFailedToBeSentToDlq");
        assertThat(ats.getJson("/_ats/dead-letters").findValuesAsText("eventId")).doesNotContain(eventId);
        assertThat(aws.fails("sqs", "get-queue-url", "--queue-name", "never-created")).contains("NonExistentQueue");
        long deliveryId = dropped.get("id").asLong();
        String page = ats.get("/console/dead-letters").body();
        assertThat(page).contains("li class=\"event dropped-letter\" data-delivery-id=\"" + deliveryId + "\"")
                .contains("Dead-letter queue arn:aws:sqs:us-east-1:000000000000:never-created does not exist");
    }

    @Test
    void a_target_without_dead_letter_config_drops_the_event_as_eventbridge_does() {
        rule("no-dlq", "ats-reject", 0, null);
        String eventId = put("no-dlq", "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> ats.getJson("/_ats/dead-letters/dropped").findValuesAsText("eventId").contains(eventId));
        assertThat(ats.getJson("/_ats/dead-letters/dropped").toString()).contains("no DeadLetterConfig");
    }

    @Test
    void the_declared_routes_dead_letter_into_the_runtimes_default_queue() {
        // No toEmail: the hiring function rejects it at once.
        String eventId = ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName("mini-ats").source("mini-ats")
                .detailType("send-assessment").detail("{\"fromEmail\":\"talent@example.com\",\"companyName\":\"Broken Corp\"}").build()))
                .entries().get(0).eventId();

        // record-pipeline refuses the same event too: two dead letters, in either order
        String rule = "arn:aws:events:us-east-1:000000000000:rule/mini-ats/send-assessment";
        await().atMost(Duration.ofSeconds(30)).until(() -> letter(eventId, rule) != null);
        String url = aws.ok("sqs", "get-queue-url", "--queue-name", DeadLetterQueues.DEFAULT_QUEUE).get("QueueUrl").asText();
        JsonNode letter = letter(eventId, rule);
        assertThat(letter).isNotNull();
        assertThat(letter.get("queueArn").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:ats-dead-letters");
        assertThat(letter.at("/messageAttributes/ERROR_MESSAGE").asText()).contains("detail.toEmail");
        assertThat(letter.get("receiveCount").asInt()).as("listing reads the queue without receiving").isZero();
        assertThat(approximateMessages(url)).isNotEqualTo("0");
    }

    /** The dead letter of {@code eventId} that {@code ruleArn} sent, as the runtime lists it, or null. */
    private static JsonNode letter(String eventId, String ruleArn) {
        for (JsonNode l : ats.getJson("/_ats/dead-letters")) {
            if (eventId.equals(l.path("eventId").asText()) && ruleArn.equals(l.at("/messageAttributes/RULE_ARN").asText())) {
                return l;
            }
        }
        return null;
    }

    @Test
    void a_redrive_takes_the_message_out_of_its_queue_and_delivers_it() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        ats.runtime.functions().register("mend", (in, out, context) -> {
            if (!healthy.get()) {
                throw new IllegalStateException("still broken");
            }
            out.write("{\"ok\":true}".getBytes());
        });
        String url = queue("mend-dlq");
        rule("mend", "mend", 0, "arn:aws:sqs:us-east-1:000000000000:mend-dlq");
        String eventId = put("mend", "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> approximateMessages(url).equals("1"));
        long deliveryId = ats.getJson("/_ats/events/" + eventId).at("/deliveries/0/id").asLong();

        healthy.set(true);
        assertThat(ats.post("/_ats/dead-letters/" + deliveryId + "/redrive").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ats.getJson("/_ats/events/" + eventId).at("/deliveries/0/status").asText()
                .equals("delivered"));
        assertThat(approximateMessages(url)).isEqualTo("0");
        assertThat(aws.ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
                .at("/Attributes/ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("0");
        assertThat(ats.post("/_ats/dead-letters/" + deliveryId + "/redrive").statusCode()).isEqualTo(409);
    }
}
