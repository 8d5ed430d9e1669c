package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pattern truth table ({@code patterns/truth-table.json}, rows written from the examples in
 * EventBridge's content-filtering documentation) run against both TestEventPattern and real
 * delivery: a rule with the pattern on a fresh bus, targeting the built-in {@code ats-echo}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternTruthTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger buses = new AtomicInteger();
    private TestRuntime ats;

    @BeforeAll
    void start() {
        ats = TestRuntime.start();
    }

    @AfterAll
    void stop() {
        ats.close();
    }

    static Stream<Arguments> rows() throws IOException {
        try (InputStream in = PatternTruthTableTest.class.getResourceAsStream("/patterns/truth-table.json")) {
            JsonNode table = JSON.readTree(in);
            List<Arguments> out = new ArrayList<>();
            table.forEach(row -> out.add(Arguments.of(row.get("name").asText(), row.get("pattern").toString(),
                    row.get("event"), row.get("matches").asBoolean())));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void the_pattern_matches_the_event_in_TestEventPattern_and_in_delivery_as_documented(String name, String pattern,
                                                                                       JsonNode event, boolean matches) {
        boolean tested = ats.events.testEventPattern(r -> r.eventPattern(pattern).event(event.toString())).result();
        assertThat(tested).as("TestEventPattern for: " + name).isEqualTo(matches);

        String bus = "truth-" + buses.incrementAndGet();
        ats.events.createEventBus(r -> r.name(bus));
        ats.events.putRule(r -> r.eventBusName(bus).name("row").eventPattern(pattern));
        ats.events.putTargets(r -> r.eventBusName(bus).rule("row")
                .targets(Target.builder().id("echo").arn(TestRuntime.functionArn("ats-echo")).build()));
        List<String> resources = new ArrayList<>();
        event.get("resources").forEach(res -> resources.add(res.asText()));
        PutEventsResponse put = ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName(bus)
                .source(event.get("source").asText()).detailType(event.get("detail-type").asText())
                .detail(event.get("detail").toString()).resources(resources).time(Instant.parse(event.get("time").asText())).build()));
        assertThat(put.failedEntryCount()).isZero();
        String id = put.entries().get(0).eventId();

        JsonNode stored = ats.getJson("/_ats/events/" + id);
        JsonNode delivered = stored.get("event");
        for (String field : List.of("source", "detail-type", "account", "region", "time", "resources", "detail")) {
            assertThat(delivered.get(field)).as("the bus's envelope is the table's event: " + field).isEqualTo(event.get(field));
        }
        assertThat(stored.get("deliveries").size()).as("deliveries for: " + name).isEqualTo(matches ? 1 : 0);
        if (matches) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode delivery = ats.getJson("/_ats/events/" + id).get("deliveries").get(0);
                assertThat(delivery.get("status").asText()).isEqualTo("delivered");
                assertThat(JSON.readTree(delivery.get("result").asText())).isEqualTo(delivered);
            });
        }
    }
}
