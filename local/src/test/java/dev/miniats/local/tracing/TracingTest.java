package dev.miniats.local.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Spans for put, match, delivery attempt and invocation, stored in SQLite in the event's X-Ray trace. */
class TracingTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private TestRuntime ats;

    @BeforeEach
    void start() {
        ats = TestRuntime.start();
    }

    @AfterEach
    void stop() {
        ats.close();
    }

    @Test
    void an_event_with_a_trace_header_gets_put_match_delivery_and_invocation_spans_in_that_trace() {
        AtomicReference<String> handedOver = new AtomicReference<>();
        ats.runtime.functions().register("traced", (in, out, context) -> {
            handedOver.set(((dev.miniats.local.lambda.LocalContext) context).getXrayTraceHeader());
            out.write("{}".getBytes());
        });
        ats.events.putRule(r -> r.name("traced").eventPattern("{\"source\":[\"traced\"]}"));
        ats.events.putTargets(r -> r.rule("traced").targets(Target.builder().id("t").arn(TestRuntime.functionArn("traced")).build()));
        ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("traced").detailType("t").detail("{}")
                .traceHeader("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1").build()));

        await().atMost(Duration.ofSeconds(10)).until(() -> ats.get("/_ats/traces/" + ROOT).statusCode() == 200
                && ats.getJson("/_ats/traces/" + ROOT).get("spans").size() >= 4);
        JsonNode trace = ats.getJson("/_ats/traces/5759e988bd862e3fe1be46a994272793");
        Map<String, JsonNode> byName = new HashMap<>();
        List<String> names = new ArrayList<>();
        trace.get("spans").forEach(s -> {
            byName.put(s.get("name").asText().split(" ")[0], s);
            names.add(s.get("name").asText());
        });
        assertThat(names).contains("put default", "match", "deliver traced/t", "invoke traced");
        assertThat(byName.get("put").get("parentId").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(byName.get("match").get("parentId")).isEqualTo(byName.get("put").get("spanId"));
        assertThat(byName.get("deliver").get("parentId")).isEqualTo(byName.get("put").get("spanId"));
        assertThat(byName.get("invoke").get("parentId")).isEqualTo(byName.get("deliver").get("spanId"));
        assertThat(byName.get("deliver").get("attributes").get("attempt").asInt()).isEqualTo(1);
        assertThat(handedOver.get()).startsWith("Root=" + ROOT + ";Parent=" + byName.get("invoke").get("spanId").asText());
    }

    @Test
    void an_unsampled_trace_is_delivered_with_its_header_and_records_no_span() {
        String unsampledRoot = "1-5759e988-0123456789abcdef01234567";
        AtomicReference<String> handedOver = new AtomicReference<>();
        ats.runtime.functions().register("quiet", (in, out, context) -> {
            handedOver.set(((dev.miniats.local.lambda.LocalContext) context).getXrayTraceHeader());
            out.write("{}".getBytes());
        });
        ats.events.putRule(r -> r.name("quiet").eventPattern("{\"source\":[\"quiet\"]}"));
        ats.events.putTargets(r -> r.rule("quiet").targets(Target.builder().id("t").arn(TestRuntime.functionArn("quiet")).build()));
        ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("quiet").detailType("t").detail("{}")
                .traceHeader("Root=" + unsampledRoot + ";Parent=53995c3f42cd8ad8;Sampled=0").build()));

        await().atMost(Duration.ofSeconds(10)).until(() -> handedOver.get() != null);
        assertThat(handedOver.get()).startsWith("Root=" + unsampledRoot).endsWith(";Sampled=0");
        // a sampled event afterwards is exported, so the batch that would hold the unsampled spans has been written
        an_event_without_a_trace_header_gets_a_new_trace_id();
        assertThat(ats.get("/_ats/traces/5759e9880123456789abcdef01234567").statusCode()).isEqualTo(404);
    }

    @Test
    void an_event_without_a_trace_header_gets_a_new_trace_id() {
        String id = ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("s").detailType("t").detail("{}").build()))
                .entries().get(0).eventId();
        String header = ats.getJson("/_ats/events/" + id).get("traceHeader").asText();
        assertThat(header).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1");
        String traceId = header.substring(7, 15) + header.substring(16, 40);
        await().atMost(Duration.ofSeconds(10)).until(() -> ats.get("/_ats/traces/" + traceId).statusCode() == 200);
    }

    @Test
    void an_unknown_trace_is_not_found_and_a_malformed_id_is_refused() {
        assertThat(ats.get("/_ats/traces/00000000000000000000000000000000").statusCode()).isEqualTo(404);
        assertThat(ats.get("/_ats/traces/nope").statusCode()).isEqualTo(400);
    }
}
