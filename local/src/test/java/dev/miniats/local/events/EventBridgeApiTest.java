package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** EventBridge's control plane and PutEvents, driven by the AWS SDK for Java v2 as users drive it. */
class EventBridgeApiTest {
    private TestRuntime ats;

    @BeforeEach
    void start() {
        ats = TestRuntime.start();
    }

    @AfterEach
    void stop() {
        ats.close();
    }

    private void echoRule(String bus, String rule, String pattern) {
        ats.events.putRule(r -> r.eventBusName(bus).name(rule).eventPattern(pattern));
        ats.events.putTargets(r -> r.eventBusName(bus).rule(rule)
                .targets(Target.builder().id("echo").arn(TestRuntime.functionArn("ats-echo")).build()));
    }

    private String put(String bus, String source, String detail) {
        PutEventsResponse response = ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName(bus)
                .source(source).detailType("t").detail(detail).build()));
        assertThat(response.failedEntryCount()).isZero();
        return response.entries().get(0).eventId();
    }

    @Test
    void buses_are_created_described_listed_and_deleted() {
        String arn = ats.events.createEventBus(r -> r.name("orders")).eventBusArn();
        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders");
        assertThat(ats.events.describeEventBus(r -> r.name("orders")).arn()).isEqualTo(arn);
        assertThat(ats.events.listEventBuses(r -> r.namePrefix("ord")).eventBuses()).extracting(b -> b.name()).containsExactly("orders");
        assertThatThrownBy(() -> ats.events.createEventBus(r -> r.name("orders"))).isInstanceOf(ResourceAlreadyExistsException.class);
        ats.events.deleteEventBus(r -> r.name("orders"));
        assertThatThrownBy(() -> ats.events.describeEventBus(r -> r.name("orders"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void rules_are_put_described_listed_disabled_and_deleted_with_arns_like_eventbridge() {
        ats.events.createEventBus(r -> r.name("hiring"));
        String arn = ats.events.putRule(r -> r.eventBusName("hiring").name("offers").eventPattern("{\"source\":[\"x\"]}")
                .description("d")).ruleArn();
        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/hiring/offers");
        ats.events.disableRule(r -> r.eventBusName("hiring").name("offers"));
        DescribeRuleResponse rule = ats.events.describeRule(r -> r.eventBusName("hiring").name("offers"));
        assertThat(rule.state()).isEqualTo(RuleState.DISABLED);
        assertThat(rule.description()).isEqualTo("d");
        assertThat(ats.events.listRules(r -> r.eventBusName("hiring")).rules()).extracting(r -> r.name()).containsExactly("offers");
        ats.events.deleteRule(r -> r.eventBusName("hiring").name("offers"));
        assertThatThrownBy(() -> ats.events.describeRule(r -> r.eventBusName("hiring").name("offers")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void an_invalid_pattern_is_refused_with_InvalidEventPatternException_saying_what_is_wrong() {
        assertThatThrownBy(() -> ats.events.putRule(r -> r.name("bad").eventPattern("{\"source\":[{\"prefixx\":\"a\"}]}")))
                .isInstanceOf(InvalidEventPatternException.class).hasMessageContaining("prefixx");
        String tooLong = "{\"source\":[\"" + "a".repeat(2100) + "\"]}";
        assertThatThrownBy(() -> ats.events.putRule(r -> r.name("long").eventPattern(tooLong)))
                .isInstanceOf(InvalidEventPatternException.class).hasMessageContaining("2048");
        assertThatThrownBy(() -> ats.events.testEventPattern(r -> r.eventPattern("not json").event("{}")))
                .isInstanceOf(EventBridgeException.class);
    }

    @Test
    void an_invalid_pattern_answers_400_in_the_json_1_1_error_shape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ats.runtime.endpoint() + "/"))
                .header("X-Amz-Target", "AWSEvents.PutRule").header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"r\",\"EventPattern\":\"{\\\"a\\\":[{\\\"numeric\\\":[\\\"<\\\"]}]}\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = TestRuntime.json(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("InvalidEventPatternException");
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void a_rule_takes_at_most_five_targets() {
        ats.events.putRule(r -> r.name("many").eventPattern("{\"source\":[\"x\"]}"));
        List<Target> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(Target.builder().id("t" + i).arn(TestRuntime.functionArn("ats-noop")).build());
        }
        assertThatThrownBy(() -> ats.events.putTargets(r -> r.rule("many").targets(six))).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void targets_are_listed_with_their_input_settings_and_removed() {
        ats.events.putRule(r -> r.name("r").eventPattern("{\"source\":[\"x\"]}"));
        ats.events.putTargets(r -> r.rule("r").targets(Target.builder().id("a").arn(TestRuntime.functionArn("ats-echo"))
                .inputPath("$.detail").retryPolicy(p -> p.maximumRetryAttempts(3).maximumEventAgeInSeconds(120))
                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq")).build()));
        Target listed = ats.events.listTargetsByRule(r -> r.rule("r")).targets().get(0);
        assertThat(listed.inputPath()).isEqualTo("$.detail");
        assertThat(listed.retryPolicy().maximumRetryAttempts()).isEqualTo(3);
        assertThat(listed.deadLetterConfig().arn()).endsWith(":dlq");
        ats.events.removeTargets(r -> r.rule("r").ids("a"));
        assertThat(ats.events.listTargetsByRule(r -> r.rule("r")).targets()).isEmpty();
    }

    @Test
    void a_rule_on_one_bus_never_sees_another_buses_events() {
        ats.events.createEventBus(r -> r.name("one"));
        ats.events.createEventBus(r -> r.name("two"));
        echoRule("one", "same-name", "{\"source\":[\"shared\"]}");
        echoRule("two", "same-name", "{\"source\":[\"shared\"]}");
        String id = put("two", "shared", "{}");
        JsonNode deliveries = ats.getJson("/_ats/events/" + id).get("deliveries");
        assertThat(deliveries).hasSize(1);
        assertThat(ats.getJson("/_ats/events/" + id).get("bus").asText()).isEqualTo("two");
    }

    @Test
    void the_input_transformer_output_is_what_the_target_receives() {
        ats.events.putRule(r -> r.name("shape").eventPattern("{\"source\":[\"shop\"]}"));
        ats.events.putTargets(r -> r.rule("shape").targets(Target.builder().id("echo").arn(TestRuntime.functionArn("ats-echo"))
                .inputTransformer(t -> t.inputPathsMap(java.util.Map.of("who", "$.detail.who"))
                        .inputTemplate("{\"greeting\": \"hello <who>\", \"rule\": <aws.events.rule-name>}")).build()));
        String id = put(null, "shop", "{\"who\":\"Ada\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode delivery = ats.getJson("/_ats/events/" + id).get("deliveries").get(0);
            assertThat(delivery.get("status").asText()).isEqualTo("delivered");
            assertThat(TestRuntime.json(delivery.get("result").asText()))
                    .isEqualTo(TestRuntime.json("{\"greeting\":\"hello Ada\",\"rule\":\"shape\"}"));
        });
    }

    @Test
    void put_events_takes_at_most_ten_entries() {
        List<PutEventsRequestEntry> eleven = Collections.nCopies(11,
                PutEventsRequestEntry.builder().source("s").detailType("t").detail("{}").build());
        assertThatThrownBy(() -> ats.events.putEvents(r -> r.entries(eleven))).isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("less than or equal to 10");
    }

    @Test
    void an_entry_over_256_kb_fails_alone_with_an_error_code() {
        String big = "{\"x\":\"" + "a".repeat(256 * 1024) + "\"}";
        PutEventsResponse response = ats.events.putEvents(r -> r.entries(
                PutEventsRequestEntry.builder().source("s").detailType("t").detail(big).build(),
                PutEventsRequestEntry.builder().source("s").detailType("t").detail("{}").build()));
        assertThat(response.failedEntryCount()).isEqualTo(1);
        assertThat(response.entries().get(0).errorCode()).isNotBlank();
        assertThat(response.entries().get(0).errorMessage()).contains("262144");
        assertThat(response.entries().get(1).eventId()).isNotBlank();
    }

    @Test
    void entry_size_counts_time_source_detail_type_detail_and_resources_as_documented() {
        PutEventsEntry entry = new PutEventsEntry("src", "type", "{\"é\":1}", null, "2020-01-01T00:00:00Z", List.of("arn:a"), null);
        assertThat(entry.size()).isEqualTo(14 + 3 + 4 + 8 + 5); // "é" is two bytes in UTF-8
    }

    @Test
    void time_resources_and_trace_header_are_kept_on_the_event() {
        PutEventsResponse response = ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("s").detailType("t")
                .detail("{}").time(Instant.parse("2021-02-03T04:05:06Z")).resources("arn:aws:s3:::bucket")
                .traceHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1").build()));
        JsonNode stored = ats.getJson("/_ats/events/" + response.entries().get(0).eventId());
        assertThat(stored.get("event").get("time").asText()).isEqualTo("2021-02-03T04:05:06Z");
        assertThat(stored.get("event").get("resources").get(0).asText()).isEqualTo("arn:aws:s3:::bucket");
        assertThat(stored.get("traceHeader").asText()).startsWith("Root=1-5759e988-bd862e3fe1be46a994272793;");
    }

    @Test
    void buses_rules_and_targets_survive_a_restart_and_declared_routes_do_not_clobber_user_changes() {
        ats.events.createEventBus(r -> r.name("kept"));
        echoRule("kept", "kept-rule", "{\"source\":[\"k\"]}");
        ats.events.putRule(r -> r.eventBusName("mini-ats").name("send-assessment").eventPattern("{\"source\":[\"changed\"]}"));
        ats.close();
        ats = ats.restart();
        assertThat(ats.events.listTargetsByRule(r -> r.eventBusName("kept").rule("kept-rule")).targets()).hasSize(1);
        assertThat(ats.events.describeRule(r -> r.eventBusName("mini-ats").name("send-assessment")).eventPattern())
                .isEqualTo("{\"source\":[\"changed\"]}");
        assertThat(ats.events.describeRule(r -> r.eventBusName("mini-ats").name("send-offer-letter")).eventPattern())
                .contains("send-offer-letter");
        assertThat(ats.getJson("/_ats/events/" + put("kept", "k", "{}")).get("deliveries")).hasSize(1);
    }

    @Test
    void an_archive_keeps_matching_events_and_a_replay_delivers_them_again_marked_with_the_replay_name() {
        ats.events.createEventBus(r -> r.name("arch"));
        echoRule("arch", "echo", "{\"source\":[\"a\"]}");
        Instant before = Instant.now().minusSeconds(1);
        String archiveArn = ats.events.createArchive(r -> r.archiveName("all-a").eventSourceArn(
                "arn:aws:events:us-east-1:000000000000:event-bus/arch").eventPattern("{\"source\":[\"a\"]}")).archiveArn();
        assertThat(archiveArn).isEqualTo("arn:aws:events:us-east-1:000000000000:archive/all-a");
        put("arch", "a", "{\"n\":1}");
        put("arch", "b", "{\"n\":2}");
        assertThat(ats.events.describeArchive(r -> r.archiveName("all-a")).eventCount()).isEqualTo(1);
        assertThat(ats.events.listArchives(r -> r.namePrefix("all")).archives()).hasSize(1);
        ats.events.startReplay(r -> r.replayName("again").eventSourceArn(archiveArn).eventStartTime(before)
                .eventEndTime(Instant.now().plusSeconds(1)).destination(d -> d.arn("arn:aws:events:us-east-1:000000000000:event-bus/arch")));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ats.events.describeReplay(r -> r.replayName("again")).state() == ReplayState.COMPLETED);
        assertThat(ats.events.describeReplay(r -> r.replayName("again")).replayArn())
                .isEqualTo("arn:aws:events:us-east-1:000000000000:replay/again");
        JsonNode newest = ats.getJson("/_ats/events?limit=1").get(0);
        assertThat(newest.get("event").get("replay-name").asText()).isEqualTo("again");
        assertThat(ats.getJson("/_ats/events/" + newest.get("id").asText()).get("deliveries")).hasSize(1);
    }
}
