package dev.miniats.local.events.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retry policies, dead letters (read from their SQS dead-letter queues), redrive and target
 * isolation, with retry delays scaled down 1000×.
 */
class DeliveryTest {
    private TestRuntime ats;

    @BeforeEach
    void start() {
        ats = TestRuntime.start(0.001);
    }

    @AfterEach
    void stop() {
        ats.close();
    }

    private void rule(String name, Target... targets) {
        ats.events.putRule(r -> r.name(name).eventPattern("{\"source\":[\"" + name + "\"]}"));
        ats.events.putTargets(r -> r.rule(name).targets(targets));
    }

    /** A target whose dead-letter queue, {@code <id>-dlq}, exists (a missing one would drop its dead letters, as EventBridge does). */
    private Target target(String id, String function, int retries) {
        ats.runtime.sqs().createQueue(id + "-dlq", java.util.Map.of());
        return Target.builder().id(id).arn(TestRuntime.functionArn(function))
                .retryPolicy(p -> p.maximumRetryAttempts(retries).maximumEventAgeInSeconds(3600))
                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:" + id + "-dlq")).build();
    }

    private String put(String source, String detail) {
        return ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source(source).detailType("t").detail(detail).build()))
                .entries().get(0).eventId();
    }

    private JsonNode delivery(String eventId, int index) {
        return ats.getJson("/_ats/events/" + eventId).get("deliveries").get(index);
    }

    @Test
    void a_failing_target_is_retried_maximum_retry_attempts_times_then_dead_lettered_with_rule_target_and_error() {
        rule("failing", target("f", "ats-fail", 2));
        String id = put("failing", "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id, 0).get("status").asText().equals("dead"));
        JsonNode dead = delivery(id, 0);
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("errorCode").asText()).isEqualTo("DiagnosticFailure");
        assertThat(dead.get("errorMessage").asText()).contains("ats-fail");
        JsonNode listed = ats.getJson("/_ats/dead-letters").get(0);
        assertThat(listed.get("eventId").asText()).isEqualTo(id);
        assertThat(listed.get("rule").asText()).isEqualTo("failing");
        assertThat(listed.get("target").asText()).isEqualTo("f");
        assertThat(listed.get("deadLetterArn").asText()).endsWith(":f-dlq");
        assertThat(listed.get("event").get("id").asText()).isEqualTo(id);
    }

    @Test
    void a_permanent_failure_skips_the_retries() {
        rule("rejected", target("r", "ats-reject", 185));
        String id = put("rejected", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(id, 0).get("status").asText().equals("dead"));
        assertThat(delivery(id, 0).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_target_naming_an_unknown_function_is_accepted_but_dead_lettered_at_the_first_attempt() {
        rule("ghost", target("g", "no-such-function", 185));
        String id = put("ghost", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(id, 0).get("status").asText().equals("dead"));
        assertThat(delivery(id, 0).get("errorCode").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(delivery(id, 0).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_redrive_makes_a_dead_letter_pending_again_with_fresh_attempts() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        AtomicInteger calls = new AtomicInteger();
        ats.runtime.functions().register("flaky", (in, out, context) -> {
            calls.incrementAndGet();
            if (!healthy.get()) {
                throw new IllegalStateException("still broken");
            }
            out.write("{\"ok\":true}".getBytes());
        });
        rule("flaky", target("fl", "flaky", 1));
        String id = put("flaky", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(id, 0).get("status").asText().equals("dead"));
        assertThat(calls.get()).isEqualTo(2);
        healthy.set(true);
        long deliveryId = delivery(id, 0).get("id").asLong();
        // the dead letter reaches its queue just after the delivery is marked dead
        await().atMost(Duration.ofSeconds(10)).until(() -> ats.getJson("/_ats/dead-letters").findValuesAsText("eventId").contains(id));
        assertThat(ats.post("/_ats/dead-letters/" + deliveryId + "/redrive").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(id, 0).get("status").asText().equals("delivered"));
        assertThat(delivery(id, 0).get("attempts").asInt()).isEqualTo(1);
        assertThat(ats.post("/_ats/dead-letters/" + deliveryId + "/redrive").statusCode()).isEqualTo(409);
    }

    @Test
    void redriving_all_dead_letters_retries_each_of_them() {
        rule("reject-all", target("r", "ats-reject", 0));
        String first = put("reject-all", "{}");
        String second = put("reject-all", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> ats.getJson("/_ats/dead-letters").size() == 2);
        JsonNode answer = TestRuntime.json(ats.post("/_ats/dead-letters/redrive").body());
        assertThat(answer.get("redriven").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(first, 0).get("status").asText().equals("dead")
                && delivery(second, 0).get("status").asText().equals("dead"));
        assertThat(delivery(first, 0).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_slow_target_never_delays_another_target_of_the_same_event() {
        rule("both", target("slow", "ats-sleep", 0), target("fast", "ats-echo", 0));
        long started = System.nanoTime();
        String id = put("both", "{\"sleepMillis\":3000}");
        await().atMost(Duration.ofSeconds(2)).until(() -> delivery(id, 1).get("status").asText().equals("delivered"));
        assertThat(delivery(id, 0).get("status").asText()).isEqualTo("pending");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3000);
    }

    @Test
    void a_rule_with_several_targets_delivers_to_each_once() {
        rule("fanout", target("a", "ats-echo", 0), target("b", "ats-noop", 0));
        String id = put("fanout", "{}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(delivery(id, 0).get("status").asText()).isEqualTo("delivered");
            assertThat(delivery(id, 1).get("status").asText()).isEqualTo("delivered");
        });
        assertThat(delivery(id, 0).get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery(id, 1).get("attempts").asInt()).isEqualTo(1);
    }
}
