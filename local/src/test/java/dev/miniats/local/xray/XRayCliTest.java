package dev.miniats.local.xray;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.AwsCliEndToEndTest;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The X-Ray API driven by the real AWS CLI: an event's trace, its segments, the service graph, received segments and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XRayCliTest {
    private TestRuntime ats;
    private String traceId;

    @BeforeAll
    void put_an_assessment_event_and_wait_for_its_ses_call() throws Exception {
        ats = TestRuntime.start();
        ok("events", "put-events", "--entries", "[{\"Source\":\"mini-ats\",\"DetailType\":\"send-assessment\","
                + "\"EventBusName\":\"mini-ats\",\"Detail\":\"{\\\"toEmail\\\":\\\"ada@example.com\\\","
                + "\\\"fromEmail\\\":\\\"talent@example.com\\\",\\\"companyName\\\":\\\"Criteria Corp Testing\\\"}\"}]");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode summaries = summaries("service(\"SES\")");
            if (summaries.get("TraceSummaries").isEmpty()) {
                return false;
            }
            traceId = summaries.get("TraceSummaries").get(0).get("Id").asText();
            return true;
        });
    }

    @AfterAll
    void stop() {
        if (ats != null) {
            ats.close();
        }
    }

    private AwsCliEndToEndTest.CliResult aws(String... args) throws Exception {
        return AwsCliEndToEndTest.aws(ats.runtime.endpoint(), args);
    }

    private JsonNode ok(String... args) throws Exception {
        AwsCliEndToEndTest.CliResult result = aws(args);
        assertThat(result.exitCode()).as("aws %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout().isBlank() ? null : TestRuntime.json(result.stdout());
    }

    private JsonNode summaries(String filter) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        List<String> args = new ArrayList<>(List.of("xray", "get-trace-summaries", "--start-time", String.valueOf(now - 600),
                "--end-time", String.valueOf(now + 60)));
        if (filter != null) {
            args.addAll(List.of("--filter-expression", filter));
        }
        return ok(args.toArray(String[]::new));
    }

    /** Every segment and subsegment of the trace by id, each with its parent's id (a subsegment's parent is its container). */
    private Map<String, JsonNode> documents() throws Exception {
        JsonNode traces = ok("xray", "batch-get-traces", "--trace-ids", traceId);
        assertThat(traces.get("UnprocessedTraceIds")).isEmpty();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode segment : traces.get("Traces").get(0).get("Segments")) {
            JsonNode document = TestRuntime.json(segment.get("Document").asText());
            assertThat(document.get("id").asText()).isEqualTo(segment.get("Id").asText());
            assertThat(document.get("trace_id").asText()).isEqualTo(traceId);
            collect(document, null, byId);
        }
        return byId;
    }

    private static void collect(JsonNode document, String container, Map<String, JsonNode> byId) {
        JsonNode withParent = container == null ? document : ((com.fasterxml.jackson.databind.node.ObjectNode) document.deepCopy())
                .put("parent_id", container);
        byId.put(document.get("id").asText(), withParent);
        document.path("subsegments").forEach(s -> collect(s, document.get("id").asText(), byId));
    }

    @Test
    void an_events_trace_is_one_tree_from_the_bus_through_rule_and_function_to_the_ses_call() throws Exception {
        Map<String, JsonNode> byId = documents();
        List<JsonNode> roots = byId.values().stream()
                .filter(d -> !d.has("parent_id") || !byId.containsKey(d.get("parent_id").asText())).toList();
        assertThat(roots).hasSize(1);
        assertThat(roots.get(0).get("origin").asText()).isEqualTo("AWS::Events");
        assertThat(roots.get(0).get("name").asText()).isEqualTo("mini-ats");

        JsonNode ses = byId.values().stream().filter(d -> "SES".equals(d.path("name").asText())).findFirst().orElseThrow();
        assertThat(ses.get("namespace").asText()).isEqualTo("aws");
        assertThat(ses.at("/aws/operation").asText()).isEqualTo("SendEmail");
        assertThat(ses.at("/http/response/status").asInt()).isEqualTo(200);
        List<String> path = new ArrayList<>();
        for (JsonNode at = ses; at != null; at = at.has("parent_id") ? byId.get(at.get("parent_id").asText()) : null) {
            path.add(0, at.path("origin").asText(at.path("name").asText()));
        }
        assertThat(path).containsExactly("AWS::Events", "AWS::Events::Rule", "AWS::Lambda::Function", "SES");
        JsonNode function = byId.get(ses.get("parent_id").asText());
        assertThat(function.get("name").asText()).isEqualTo("send-assessment");
        assertThat(function.at("/aws/function_arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:send-assessment");
    }

    @Test
    void trace_summaries_filter_by_service_error_response_time_and_id() throws Exception {
        JsonNode summary = summaries("service(\"send-assessment\") AND NOT fault").get("TraceSummaries");
        assertThat(summary.findValuesAsText("Id")).contains(traceId);
        JsonNode mine = summary.get(0);
        assertThat(mine.get("EntryPoint").get("Name").asText()).isEqualTo("mini-ats");
        assertThat(mine.get("ServiceIds").findValuesAsText("Name")).contains("mini-ats", "send-assessment", "SES");
        assertThat(mine.get("HasFault").asBoolean()).isFalse();
        assertThat(summaries("responsetime > 3600").get("TraceSummaries")).isEmpty();
        assertThat(summaries("service(\"no-such-function\") OR fault").get("TraceSummaries").findValuesAsText("Id")).doesNotContain(traceId);
        assertThat(summaries("id(name: \"SES\", type: \"AWS::SES\") && (duration >= 0 || error)").get("TraceSummaries")
                .findValuesAsText("Id")).contains(traceId);
        assertThat(summaries("service(\"SES\") { error }").get("TraceSummaries").findValuesAsText("Id")).doesNotContain(traceId);
    }

    @Test
    void the_service_graph_links_bus_rule_function_and_ses() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        JsonNode services = ok("xray", "get-service-graph", "--start-time", String.valueOf(now - 600), "--end-time",
                String.valueOf(now + 60)).get("Services");
        Map<Integer, String> names = new HashMap<>();
        services.forEach(s -> names.put(s.get("ReferenceId").asInt(), s.get("Name").asText() + "|" + s.get("Type").asText()));
        List<String> edges = new ArrayList<>();
        services.forEach(s -> s.get("Edges").forEach(e -> edges.add(s.get("Name").asText() + " -> "
                + names.get(e.get("ReferenceId").asInt()).split("\\|")[0] + " x" + e.at("/SummaryStatistics/TotalCount").asInt())));
        assertThat(names.values()).contains("mini-ats|AWS::Events", "send-assessment|AWS::Lambda::Function", "SES|AWS::SES");
        assertThat(edges).anyMatch(e -> e.startsWith("mini-ats -> ")).contains("send-assessment -> SES x1");
        assertThat(services.findValuesAsText("Name")).anyMatch(n -> edges.contains("mini-ats -> " + n + " x1")
                && edges.contains(n + " -> send-assessment x1"));

        JsonNode traceGraph = ok("xray", "get-trace-graph", "--trace-ids", traceId).get("Services");
        assertThat(traceGraph.findValuesAsText("Name")).contains("mini-ats", "send-assessment", "SES");
    }

    @Test
    void segments_sent_over_udp_and_with_put_trace_segments_join_the_same_trace() throws Exception {
        String functionSegment = documents().values().stream()
                .filter(d -> "AWS::Lambda::Function".equals(d.path("origin").asText())).findFirst().orElseThrow().get("id").asText();
        double now = System.currentTimeMillis() / 1000.0;
        String udp = "{\"trace_id\":\"" + traceId + "\",\"id\":\"aaaaaaaaaaaaaaa1\",\"parent_id\":\"" + functionSegment
                + "\",\"name\":\"user-code\",\"start_time\":" + now + ",\"end_time\":" + (now + 0.01)
                + ",\"annotations\":{\"candidate\":\"ada\"}}";
        byte[] datagram = ("{\"format\": \"json\", \"version\": 1}\n" + udp).getBytes(StandardCharsets.UTF_8);
        String[] daemon = ats.runtime.xrayDaemonAddress().split(":");
        try (DatagramSocket socket = new DatagramSocket()) {
            InetAddress host = InetAddress.getByName(daemon[0]);
            int port = Integer.parseInt(daemon[1]);
            // a datagram without the header line and one with a broken document are dropped, as the daemon drops them
            for (String bad : List.of(udp, "{\"format\":\"json\",\"version\":1}\n{\"id\":", "\u0000\n")) {
                byte[] b = bad.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(b, b.length, host, port));
            }
            socket.send(new DatagramPacket(datagram, datagram.length, host, port));
        }
        String sub = "{\"trace_id\":\"" + traceId + "\",\"id\":\"bbbbbbbbbbbbbbb2\",\"parent_id\":\"" + functionSegment
                + "\",\"type\":\"subsegment\",\"name\":\"render-email\",\"start_time\":" + now + ",\"end_time\":" + (now + 0.005) + "}";
        JsonNode put = ok("xray", "put-trace-segments", "--trace-segment-documents", sub);
        assertThat(put.get("UnprocessedTraceSegments")).isEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> documents().containsKey("aaaaaaaaaaaaaaa1"));
        Map<String, JsonNode> byId = documents();
        assertThat(byId.get("aaaaaaaaaaaaaaa1").get("parent_id").asText()).isEqualTo(functionSegment);
        assertThat(byId.get("bbbbbbbbbbbbbbb2").get("parent_id").asText()).isEqualTo(functionSegment);
        assertThat(summaries("annotation.candidate = \"ada\"").get("TraceSummaries").findValuesAsText("Id")).containsExactly(traceId);
    }

    @Test
    void bad_input_gets_x_rays_errors_and_unprocessed_entries() throws Exception {
        JsonNode put = ok("xray", "put-trace-segments", "--trace-segment-documents", "not json",
                "{\"trace_id\":\"1-abc\",\"id\":\"cccccccccccccccc\",\"name\":\"x\",\"start_time\":1,\"end_time\":2}",
                "{\"trace_id\":\"" + traceId + "\",\"id\":\"dddddddddddddddd\",\"name\":\"x\",\"start_time\":5}");
        assertThat(put.get("UnprocessedTraceSegments").findValuesAsText("ErrorCode"))
                .containsExactly("InvalidDocument", "InvalidTraceId", "InvalidEndTime");
        assertThat(put.get("UnprocessedTraceSegments").get(1).get("Id").asText()).isEqualTo("cccccccccccccccc");

        JsonNode unknown = ok("xray", "batch-get-traces", "--trace-ids", "1-5759e988-000000000000000000000001", "not-a-trace-id");
        assertThat(unknown.get("Traces")).isEmpty();
        assertThat(unknown.get("UnprocessedTraceIds").findValuesAsText("")).isEmpty();
        assertThat(unknown.get("UnprocessedTraceIds").toString()).contains("1-5759e988-000000000000000000000001", "not-a-trace-id");

        long now = System.currentTimeMillis() / 1000;
        AwsCliEndToEndTest.CliResult huge = aws("xray", "get-trace-summaries", "--start-time", String.valueOf(now - 3 * 86400),
                "--end-time", String.valueOf(now));
        assertThat(huge.exitCode()).isNotZero();
        assertThat(huge.stderr()).contains("InvalidRequestException").contains("24 hours");

        AwsCliEndToEndTest.CliResult badFilter = aws("xray", "get-trace-summaries", "--start-time", String.valueOf(now - 60),
                "--end-time", String.valueOf(now), "--filter-expression", "service(\"x\") AND responsetime >");
        assertThat(badFilter.exitCode()).isNotZero();
        assertThat(badFilter.stderr()).contains("InvalidRequestException").contains("position 31").contains("a number");

        AwsCliEndToEndTest.CliResult tooMany = aws("xray", "batch-get-traces", "--trace-ids", "a", "b", "c", "d", "e", "f");
        assertThat(tooMany.stderr()).contains("InvalidRequestException").contains("at most 5");
    }
}
