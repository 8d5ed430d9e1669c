package dev.miniats.local.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A dead letter marked dead but never sent on (the process stopped in between) reaches its queue at the next start. */
class DeadLetterResumeTest {
    @TempDir
    Path scratch;

    @Test
    void a_dead_letter_left_unsent_by_the_previous_run_is_sent_at_the_next_start() {
        TestRuntime first = TestRuntime.start();
        TestRuntime second = null;
        try {
            AwsCli aws = AwsCli.local(first.runtime.endpoint(), scratch);
            String url = aws.ok("sqs", "create-queue", "--queue-name", "resumed-dlq").get("QueueUrl").asText();
            first.events.putRule(r -> r.name("resumed").eventPattern("{\"source\":[\"resumed\"]}"));
            first.events.putTargets(r -> r.rule("resumed").targets(Target.builder().id("t").arn(TestRuntime.functionArn("ats-reject"))
                    .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:resumed-dlq")).build()));
            String eventId = first.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("resumed").detailType("t")
                    .detail("{}").build())).entries().get(0).eventId();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.getJson("/_ats/dead-letters").findValuesAsText("eventId").contains(eventId));
            // What a process stopped between marking the delivery dead and sending it on leaves behind:
            aws.ok("sqs", "purge-queue", "--queue-url", url);
            first.runtime.database().write(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM dead_letter_outcomes")) {
                    return s.executeUpdate();
                }
            });
            first.close();

            second = first.restart();
            TestRuntime restarted = second;
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.getJson("/_ats/dead-letters").findValuesAsText("eventId").contains(eventId));
            JsonNode letter = restarted.getJson("/_ats/dead-letters").get(0);
            assertThat(letter.at("/messageAttributes/ERROR_CODE").asText()).isEqualTo("ERROR_FROM_TARGET");
            assertThat(letter.at("/messageAttributes/RULE_ARN").asText()).endsWith(":rule/resumed");
            assertThat(letter.get("queueArn").asText()).endsWith(":resumed-dlq");
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    @Test
    void a_dead_letter_whose_queue_cannot_be_reached_is_not_dropped_but_sent_at_the_next_start() throws Exception {
        TestRuntime first = TestRuntime.start();
        TestRuntime second = null;
        try {
            AwsCli aws = AwsCli.local(first.runtime.endpoint(), scratch);
            aws.ok("sqs", "create-queue", "--queue-name", "unreachable-dlq");
            first.events.putRule(r -> r.name("unreachable").eventPattern("{\"source\":[\"unreachable\"]}"));
            first.events.putTargets(r -> r.rule("unreachable").targets(Target.builder().id("t").arn(TestRuntime.functionArn("ats-reject"))
                    .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:unreachable-dlq")).build()));
            // SQS stops first, as when the runtime shuts down with a delivery in flight
            first.runtime.sqs().close();
            String eventId = first.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("unreachable").detailType("t")
                    .detail("{}").build())).entries().get(0).eventId();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.getJson("/_ats/events/" + eventId).at("/deliveries/0/status").asText()
                    .equals("dead"));
            assertThat(first.getJson("/_ats/dead-letters/dropped").findValuesAsText("eventId")).doesNotContain(eventId);
            first.close();

            second = first.restart();
            TestRuntime restarted = second;
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.getJson("/_ats/dead-letters").findValuesAsText("eventId").contains(eventId));
            assertThat(restarted.getJson("/_ats/dead-letters").get(0).get("queueArn").asText()).endsWith(":unreachable-dlq");
            assertThat(restarted.getJson("/_ats/dead-letters/dropped").findValuesAsText("eventId")).doesNotContain(eventId);
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }
}
