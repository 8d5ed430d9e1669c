package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Lambda Invoke and ListFunctions, from the AWS CLI and over raw HTTP for the error shapes. */
@Tag("e2e")
class LambdaInvokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BRIEF_PAYLOAD =
            "{\"toEmail\":\"hedy@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Criteria Corp Testing\"}";
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static Mailbox mailbox;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> invoke(String function, String payload, String invocationType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/2015-03-31/functions/" + function + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (invocationType != null) {
            request.header("X-Amz-Invocation-Type", invocationType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aws_lambda_invoke_runs_send_assessment_with_the_briefs_bare_payload(@TempDir Path out) throws Exception {
        Path payload = out.resolve("payload.json");
        Files.writeString(payload, BRIEF_PAYLOAD);
        Path response = out.resolve("response.json");

        AwsCliEndToEndTest.CliResult result = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "invoke",
                "--function-name", "send-assessment", "--payload", "fileb://" + payload, response.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode status = JSON.readTree(result.stdout());
        assertThat(status.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(status.has("FunctionError")).isFalse();
        assertThat(JSON.readTree(Files.readString(response)).get("messageId").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.inbox("hedy@example.com").size() == 1);
    }

    @Test
    void aws_lambda_invoke_with_log_type_tail_answers_the_invocations_own_log(@TempDir Path out) throws Exception {
        Path payload = out.resolve("payload.json");
        Files.writeString(payload, "{\"fromEmail\":\"t@example.com\",\"companyName\":\"Tail Corp\"}");

        AwsCliEndToEndTest.CliResult result = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "invoke",
                "--function-name", "send-offer-letter", "--payload", "fileb://" + payload, "--log-type", "Tail",
                out.resolve("response.json").toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode status = JSON.readTree(result.stdout());
        assertThat(status.get("FunctionError").asText()).isEqualTo("Unhandled");
        String log = new String(java.util.Base64.getDecoder().decode(status.get("LogResult").asText()), java.nio.charset.StandardCharsets.UTF_8);
        String[] lines = log.split("\n");
        assertThat(lines[0]).matches("START RequestId: [0-9a-f-]{36} Version: \\$LATEST");
        String requestId = lines[0].substring("START RequestId: ".length(), "START RequestId: ".length() + 36);
        assertThat(log).contains("\"errorType\":\"InvalidEventException\"").contains("detail.toEmail")
                .contains("END RequestId: " + requestId).contains("REPORT RequestId: " + requestId + "\tDuration: ");
    }

    @Test
    void aws_lambda_list_functions_shows_every_hiring_function() throws Exception {
        AwsCliEndToEndTest.CliResult result = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "list-functions");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(JSON.readTree(result.stdout()).get("Functions")).extracting(f -> f.get("FunctionName").asText())
                .contains("send-assessment", "schedule-interview", "send-offer-letter");
    }

    @Test
    void a_function_error_answers_200_with_the_function_error_header() throws Exception {
        HttpResponse<String> response = invoke("send-offer-letter", "{\"fromEmail\":\"t@example.com\",\"companyName\":\"A\"}", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errorType").asText()).isEqualTo("InvalidEventException");
        assertThat(body.get("errorMessage").asText()).contains("detail.toEmail");
    }

    @Test
    void an_unknown_function_is_a_404_resource_not_found() throws Exception {
        HttpResponse<String> response = invoke("arn:aws:lambda:us-east-1:000000000000:function:nope", "{}", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("function:nope");
    }

    @Test
    void a_payload_that_is_not_json_is_invalid_request_content() throws Exception {
        HttpResponse<String> response = invoke("send-assessment", "{oops", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestContentException");
    }

    @Test
    void an_event_invocation_is_accepted_with_202_and_runs_in_the_background() throws Exception {
        HttpResponse<String> response = invoke("send-offer-letter", BRIEF_PAYLOAD.replace("hedy@", "mary@"), "Event");

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.inbox("mary@example.com").size() == 1);
    }
}
