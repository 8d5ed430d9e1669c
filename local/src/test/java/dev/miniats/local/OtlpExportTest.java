package dev.miniats.local;

import com.sun.net.httpserver.HttpServer;
import dev.miniats.local.tracing.OtlpExport;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Spans exported over OTLP/HTTP to a real receiver that decodes the protobuf, with the AWS CLI putting the event. */
@Tag("e2e")
class OtlpExportTest {
    private static final String ROOT = "1-6a2b3c4d-5e6f708192a3b4c5d6e7f809";
    private static final String TRACE_ID = "6a2b3c4d5e6f708192a3b4c5d6e7f809";

    @TempDir
    Path dataDir;
    private HttpServer receiver;
    private LocalRuntime runtime;
    private final List<String> serviceNames = new CopyOnWriteArrayList<>();
    private final List<Span> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private URI startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())
                        || !"application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
                for (ResourceSpans resource : request.getResourceSpansList()) {
                    for (KeyValue attribute : resource.getResource().getAttributesList()) {
                        if (attribute.getKey().equals("service.name")) {
                            serviceNames.add(attribute.getValue().getStringValue());
                        }
                    }
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        received.addAll(scope.getSpansList());
                    }
                }
                byte[] empty = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, empty.length == 0 ? -1 : empty.length);
                exchange.getResponseBody().write(empty);
            }
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
    }

    private void startRuntime(URI collectorBase) {
        URI traces = OtlpExport.tracesEndpoint(collectorBase.toString(), Map.of());
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001)
                .otlpTracesEndpoint(traces).build());
    }

    private String putWithTheCli() throws Exception {
        String entries = "[{\"Source\":\"mini-ats\",\"DetailType\":\"send-assessment\",\"EventBusName\":\"mini-ats\","
                + "\"Detail\":\"{\\\"toEmail\\\":\\\"otlp@example.com\\\",\\\"fromEmail\\\":\\\"talent@example.com\\\","
                + "\\\"companyName\\\":\\\"Otlp Corp\\\"}\",\"TraceHeader\":\"Root=" + ROOT + ";Sampled=1\"}]";
        AwsCliEndToEndTest.CliResult result = AwsCliEndToEndTest.aws(runtime.endpoint(), "events", "put-events", "--entries", entries);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return TestRuntime.json(result.stdout()).get("Entries").get(0).get("EventId").asText();
    }

    @Test
    void a_put_event_delivered_to_a_function_is_exported_as_put_match_deliver_and_invoke_spans_in_its_xray_trace() throws Exception {
        startRuntime(startReceiver());
        putWithTheCli();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().map(Span::getName).toList()
                .containsAll(List.of("put mini-ats", "match", "deliver send-assessment/send-assessment", "invoke send-assessment")));
        List<Span> trace = received.stream().filter(s -> HexFormat.of().formatHex(s.getTraceId().toByteArray()).equals(TRACE_ID)).toList();
        assertThat(trace).extracting(Span::getName)
                .contains("put mini-ats", "match", "deliver send-assessment/send-assessment", "invoke send-assessment");
        Span invoke = trace.stream().filter(s -> s.getName().equals("invoke send-assessment")).findFirst().orElseThrow();
        Span deliver = trace.stream().filter(s -> s.getName().startsWith("deliver send-assessment")).findFirst().orElseThrow();
        assertThat(invoke.getParentSpanId()).isEqualTo(deliver.getSpanId());
        assertThat(serviceNames).contains("mini-ats-local");
    }

    @Test
    void a_collector_that_is_not_there_does_not_hold_up_the_bus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        startRuntime(URI.create("http://127.0.0.1:" + closedPort));
        String eventId = putWithTheCli();

        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.eventLog().deliveries(eventId).stream()
                .anyMatch(d -> d.function().equals("send-assessment") && d.status().equals("delivered")));
    }

    @Test
    void the_endpoint_comes_from_the_option_else_the_standard_environment_variables() {
        assertThat(OtlpExport.tracesEndpoint(null, Map.of())).isNull();
        assertThat(OtlpExport.tracesEndpoint("http://127.0.0.1:4318", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318")))
                .isEqualTo(URI.create("http://127.0.0.1:4318/v1/traces"));
        assertThat(OtlpExport.tracesEndpoint(null, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")))
                .isEqualTo(URI.create("http://collector:4318/v1/traces"));
        assertThat(OtlpExport.tracesEndpoint(null, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://b/custom/traces"))).isEqualTo(URI.create("https://b/custom/traces"));
        assertThatThrownBy(() -> OtlpExport.tracesEndpoint("127.0.0.1:4318", Map.of()))
                .hasMessage("--otlp-endpoint is '127.0.0.1:4318'; expected an http or https URL like http://127.0.0.1:4318");
    }
}
