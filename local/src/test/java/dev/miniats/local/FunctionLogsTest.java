package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.tracing.BusTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Function invocations and their structured log lines, through {@code /_ats/logs} and the console's logs page. */
class FunctionLogsTest {
    private static final String ROOT = "1-6a1b2c3d-0123456789abcdef01234567";
    static TestRuntime ats;

    @BeforeAll
    static void start() {
        ats = TestRuntime.start();
    }

    @AfterAll
    static void stop() {
        ats.close();
    }

    private static String put(String type, String detail, String traceHeader) {
        return ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType(type)
                .eventBusName("mini-ats").detail(detail).traceHeader(traceHeader).build())).entries().get(0).eventId();
    }

    private static JsonNode invocations(String query) {
        return ats.getJson("/_ats/logs?" + query).get("invocations");
    }

    @Test
    void a_delivered_event_shows_its_invocation_with_start_the_functions_lines_end_and_report() {
        String eventId = put("send-assessment", "{\"toEmail\":\"logs.one@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Logs Corp\",\"candidateId\":\"cand-logs-1\"}", "Root=" + ROOT + ";Sampled=1");

        await().atMost(Duration.ofSeconds(20)).until(() -> invocations("q=" + eventId).size() == 2);
        JsonNode sent = invocations("function=send-assessment&q=cand-logs-1").get(0);
        String requestId = sent.get("requestId").asText();
        assertThat(sent.get("status").asText()).isEqualTo("ok");
        assertThat(sent.get("eventId").asText()).isEqualTo(eventId);
        assertThat(sent.get("traceId").asText()).isEqualTo(ROOT);
        assertThat(sent.get("logGroup").asText()).isEqualTo("/aws/lambda/send-assessment");
        assertThat(sent.get("billedDurationMs").asLong()).isEqualTo((long) Math.max(1, Math.ceil(sent.get("durationMs").asDouble())));
        List<String> cloudWatch = new ArrayList<>();
        sent.get("cloudWatch").forEach(l -> cloudWatch.add(l.asText()));
        assertThat(cloudWatch.get(0)).isEqualTo("START RequestId: " + requestId + " Version: $LATEST");
        assertThat(cloudWatch).contains("END RequestId: " + requestId);
        assertThat(cloudWatch.get(cloudWatch.size() - 1)).startsWith("REPORT RequestId: " + requestId + "\tDuration: ")
                .contains("\tBilled Duration: ").contains("\tMemory Size: 1024 MB").contains("XRAY TraceId: " + ROOT);
        JsonNode mailSent = TestRuntime.json(sent.get("lines").get(1).get("message").asText());
        assertThat(mailSent.get("message").asText()).isEqualTo("mail sent");
        assertThat(mailSent.get("requestId").asText()).isEqualTo(requestId);
        assertThat(mailSent.get("xrayTraceId").asText()).isEqualTo(ROOT);
        assertThat(mailSent.get("messageId").asText()).isNotBlank();
        // The same invocation by request id, by trace id (either form) and in the function's list.
        assertThat(invocations("requestId=" + requestId)).hasSize(1);
        assertThat(invocations("q=" + BusTracing.traceId("Root=" + ROOT))).hasSize(2);
        assertThat(invocations("function=record-pipeline&q=" + eventId).get(0).get("lines").get(1).get("message").asText())
                .contains("\"stage recorded\"");
    }

    @Test
    void an_invocation_through_aws_lambda_invoke_that_fails_is_listed_as_an_error(@TempDir Path out) throws Exception {
        Path payload = out.resolve("payload.json");
        Files.writeString(payload, "{\"fromEmail\":\"talent@example.com\",\"companyName\":\"No Recipient Corp\"}");
        AwsCliEndToEndTest.CliResult result = AwsCliEndToEndTest.aws(ats.runtime.endpoint(), "lambda", "invoke",
                "--function-name", "send-offer-letter", "--payload", "fileb://" + payload, out.resolve("response.json").toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> invocations("function=send-offer-letter&errors=true").size() >= 1);
        JsonNode failed = invocations("function=send-offer-letter&errors=true").get(0);
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("errorType").asText()).isEqualTo("InvalidEventException");
        assertThat(failed.get("errorMessage").asText()).contains("detail.toEmail");
        JsonNode logged = TestRuntime.json(failed.get("lines").get(0).get("message").asText());
        assertThat(logged.get("level").asText()).isEqualTo("ERROR");
        assertThat(logged.get("errorType").asText()).isEqualTo("InvalidEventException");
        assertThat(failed.get("lines").get(1).get("message").asText()).startsWith("{\"errorMessage\":");
        assertThat(invocations("errors=true")).allSatisfy(i -> assertThat(i.get("status").asText()).isEqualTo("error"));
    }

    @Test
    void a_bad_filter_is_refused_naming_the_parameter_its_value_and_what_is_expected() {
        assertValidation("function=nope", "Query parameter function is 'nope'; expected one of [", "send-assessment");
        assertValidation("errors=maybe", "Query parameter errors is 'maybe'; expected true or false");
        assertValidation("limit=0", "Query parameter limit is '0'; expected a whole number from 1 to 500");
        assertValidation("before=x", "Query parameter before is 'x'; expected a whole number");
    }

    private static void assertValidation(String query, String... message) {
        HttpResponse<String> response = ats.get("/_ats/logs?" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        JsonNode body = TestRuntime.json(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("ValidationException");
        assertThat(body.get("message").asText()).contains(message);
    }

    @Test
    void the_logs_page_escapes_what_functions_logged_and_links_from_trace_and_candidate() {
        // A hostile candidate id is refused by the function; the refusal (with the id) is in its log.
        String xss = "<script>alert(1)</script>";
        String hostile = put("send-assessment", "{\"toEmail\":\"logs.xss@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Logs Corp\",\"candidateId\":\"" + xss + "\"}", null);
        String hostileTrace = traceOf(hostile);
        await().atMost(Duration.ofSeconds(20)).until(() -> invocations("function=send-assessment&errors=true&q=" + hostileTrace).size() == 1);
        String failedId = invocations("function=send-assessment&errors=true&q=" + hostileTrace).get(0).get("requestId").asText();
        String errors = ats.get("/console/logs?errors=true").body();
        assertThat(errors).contains("data-request-id=\"" + failedId + "\" data-status=\"error\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(xss)
                .contains("href=\"/console/logs\" aria-current=\"page\"");
        assertThat(ats.get("/console/logs/" + failedId + "/lines").body()).contains("&lt;script&gt;").doesNotContain(xss);

        String eventId = put("send-assessment", "{\"toEmail\":\"logs.two@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Logs Corp\",\"candidateId\":\"cand-logs-2\"}", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> invocations("function=send-assessment&q=" + eventId).size() == 1);
        String requestId = invocations("function=send-assessment&q=" + eventId).get(0).get("requestId").asText();
        String lines = ats.get("/console/logs/" + requestId + "/lines").body();
        assertThat(lines).contains("START RequestId: " + requestId).contains("END RequestId: " + requestId)
                .contains("REPORT RequestId: " + requestId).contains("&quot;mail sent&quot;");
        assertThat(ats.get("/console/logs?requestId=" + requestId).body()).contains("<details open").contains("START RequestId: ");
        assertThat(ats.get("/console/logs/nope/lines").statusCode()).isEqualTo(404);

        // The trace's invoke span and the candidate's timeline link to the invocation.
        // (not replace("1-", ""): an epoch part ending in 1 would lose a digit, one run in sixteen)
        String traceId = BusTracing.traceId("Root=" + traceOf(eventId));
        Pattern requestLink = Pattern.compile("/console/logs\\?requestId(=|&#61;)" + requestId);
        await().atMost(Duration.ofSeconds(20)).until(() -> requestLink.matcher(ats.get("/console/traces/" + traceId).body()).find());
        Matcher timelineLink = Pattern.compile("href=\"(/console/logs\\?q(=|&#61;)[^\"]+)\"")
                .matcher(ats.get("/console/candidates/cand-logs-2").body());
        assertThat(timelineLink.find()).isTrue();
        assertThat(timelineLink.group(1)).contains(eventId);
    }

    private static String traceOf(String eventId) {
        String header = ats.getJson("/_ats/events/" + eventId).get("traceHeader").asText();
        return header.substring("Root=".length(), "Root=".length() + 35);
    }
}
