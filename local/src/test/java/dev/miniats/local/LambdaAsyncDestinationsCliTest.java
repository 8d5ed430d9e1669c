package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.AwsCliEndToEndTest.CliResult;
import dev.miniats.local.lambda.UserFunctionsHttp;
import dev.miniats.local.lambda.Zips;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asynchronous invocations as Lambda does them, with the AWS CLI: the event invoke configuration
 * (retries, destinations), the records sent to SQS, EventBridge and other functions, and a function's
 * dead-letter queue.
 */
@Tag("e2e")
class LambdaAsyncDestinationsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:";

    @Test
    void a_failing_functions_event_reaches_its_on_failure_queue_as_lambdas_record(@TempDir Path dataDir, @TempDir Path dir)
            throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build())) {
            function(runtime, dir, "failing", "export const handler = async (e) => { throw new Error('boom ' + e.n); };");
            ok(runtime, "sqs", "create-queue", "--queue-name", "failures");

            JsonNode put = ok(runtime, "lambda", "put-function-event-invoke-config", "--function-name", "failing",
                    "--maximum-retry-attempts", "1", "--destination-config", "{\"OnFailure\":{\"Destination\":\"" + QUEUE + "failures\"}}");
            assertThat(put.get("FunctionArn").asText()).isEqualTo(FUNCTION + "failing:$LATEST");
            assertThat(put.get("MaximumRetryAttempts").asInt()).isEqualTo(1);
            ok(runtime, "lambda", "invoke", "--function-name", "failing", "--invocation-type", "Event", "--cli-binary-format",
                    "raw-in-base64-out", "--payload", "{\"n\":7}", dir.resolve("out.json").toString());

            JsonNode record = JSON.readTree(receive(runtime, "failures").get("Body").asText());
            assertThat(record.get("version").asText()).isEqualTo("1.0");
            assertThat(record.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RetriesExhausted");
            assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).as("one try and one retry").isEqualTo(2);
            assertThat(record.get("requestContext").get("functionArn").asText()).isEqualTo(FUNCTION + "failing:$LATEST");
            assertThat(record.get("requestContext").get("requestId").asText()).isNotBlank();
            assertThat(record.get("requestPayload").get("n").asInt()).isEqualTo(7);
            assertThat(record.get("responseContext").get("statusCode").asInt()).isEqualTo(200);
            assertThat(record.get("responseContext").get("executedVersion").asText()).isEqualTo("$LATEST");
            assertThat(record.get("responseContext").get("functionError").asText()).isEqualTo("Unhandled");
            assertThat(record.get("responsePayload").get("errorMessage").asText()).isEqualTo("boom 7");
        }
    }

    @Test
    void the_event_invoke_config_is_put_updated_listed_deleted_and_validated(@TempDir Path dataDir, @TempDir Path dir) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build())) {
            function(runtime, dir, "fn", "export const handler = async () => ({});");
            ok(runtime, "lambda", "put-function-event-invoke-config", "--function-name", "fn", "--maximum-event-age-in-seconds", "600",
                    "--destination-config", "{\"OnSuccess\":{\"Destination\":\"" + QUEUE + "done\"}}");
            JsonNode updated = ok(runtime, "lambda", "update-function-event-invoke-config", "--function-name", "fn",
                    "--maximum-retry-attempts", "0", "--destination-config", "{\"OnFailure\":{\"Destination\":\"" + FUNCTION + "other\"}}");
            assertThat(updated.get("MaximumRetryAttempts").asInt()).isZero();
            assertThat(updated.get("MaximumEventAgeInSeconds").asInt()).as("kept by the update").isEqualTo(600);
            assertThat(updated.get("DestinationConfig").get("OnSuccess").get("Destination").asText()).isEqualTo(QUEUE + "done");
            assertThat(updated.get("DestinationConfig").get("OnFailure").get("Destination").asText()).isEqualTo(FUNCTION + "other");

            JsonNode got = ok(runtime, "lambda", "get-function-event-invoke-config", "--function-name", "fn");
            assertThat(got.get("MaximumRetryAttempts").asInt()).isZero();
            assertThat(got.get("LastModified").asText()).as("epoch seconds, which the CLI prints as a date").matches("\\d{4}-\\d\\d-.*");
            assertThat(ok(runtime, "lambda", "list-function-event-invoke-configs", "--function-name", "fn")
                    .get("FunctionEventInvokeConfigs")).hasSize(1);

            CliResult tooMany = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "put-function-event-invoke-config",
                    "--function-name", "fn", "--maximum-retry-attempts", "3");
            assertThat(tooMany.exitCode()).isNotZero();
            assertThat(tooMany.stderr()).contains("ValidationException").contains("maximumRetryAttempts").contains("'3'");
            CliResult tooYoung = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "put-function-event-invoke-config",
                    "--function-name", "fn", "--maximum-event-age-in-seconds", "21601");
            assertThat(tooYoung.stderr()).contains("ValidationException").contains("maximumEventAgeInSeconds");
            CliResult badDestination = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "put-function-event-invoke-config",
                    "--function-name", "fn", "--destination-config", "{\"OnFailure\":{\"Destination\":\"arn:aws:s3:::bucket\"}}");
            assertThat(badDestination.stderr()).contains("InvalidParameterValueException").contains("arn:aws:s3:::bucket");
            CliResult itself = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "put-function-event-invoke-config",
                    "--function-name", "fn", "--destination-config", "{\"OnFailure\":{\"Destination\":\"" + FUNCTION + "fn\"}}");
            assertThat(itself.stderr()).contains("destination for itself");

            ok(runtime, "lambda", "delete-function-event-invoke-config", "--function-name", "fn");
            CliResult gone = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "get-function-event-invoke-config", "--function-name", "fn");
            assertThat(gone.stderr()).contains("ResourceNotFoundException").contains("doesn't have an EventInvokeConfig");
            CliResult noFunction = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "put-function-event-invoke-config",
                    "--function-name", "nope", "--maximum-retry-attempts", "1");
            assertThat(noFunction.stderr()).contains("ResourceNotFoundException");
        }
    }

    @Test
    void a_success_goes_to_a_bus_and_to_a_function_whose_failure_lands_in_its_dead_letter_queue(@TempDir Path dataDir,
                                                                                                 @TempDir Path dir) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build())) {
            ok(runtime, "sqs", "create-queue", "--queue-name", "results");
            ok(runtime, "sqs", "create-queue", "--queue-name", "dead");
            ok(runtime, "events", "create-event-bus", "--name", "outcomes");
            ok(runtime, "events", "put-rule", "--name", "lambda", "--event-bus-name", "outcomes", "--event-pattern",
                    "{\"source\":[\"lambda\"]}");
            ok(runtime, "events", "put-targets", "--rule", "lambda", "--event-bus-name", "outcomes", "--targets",
                    "[{\"Id\":\"q\",\"Arn\":\"" + QUEUE + "results\"}]");
            function(runtime, dir, "ok", "export const handler = async (e) => ({ doubled: e.n * 2 });");
            function(runtime, dir, "next", "export const handler = async (e) => { throw new Error('next refuses'); };",
                    "--dead-letter-config", "TargetArn=" + QUEUE + "dead");
            assertThat(ok(runtime, "lambda", "get-function-configuration", "--function-name", "next").get("DeadLetterConfig")
                    .get("TargetArn").asText()).isEqualTo(QUEUE + "dead");
            ok(runtime, "lambda", "put-function-event-invoke-config", "--function-name", "next", "--maximum-retry-attempts", "0");

            ok(runtime, "lambda", "put-function-event-invoke-config", "--function-name", "ok", "--destination-config",
                    "{\"OnSuccess\":{\"Destination\":\"arn:aws:events:us-east-1:000000000000:event-bus/outcomes\"}}");
            ok(runtime, "lambda", "invoke", "--function-name", "ok", "--invocation-type", "Event", "--cli-binary-format",
                    "raw-in-base64-out", "--payload", "{\"n\":21}", dir.resolve("out.json").toString());
            JsonNode event = JSON.readTree(receive(runtime, "results").get("Body").asText());
            assertThat(event.get("source").asText()).isEqualTo("lambda");
            assertThat(event.get("detail-type").asText()).isEqualTo("Lambda Function Invocation Result - Success");
            assertThat(event.get("resources").get(0).asText()).isEqualTo(FUNCTION + "ok");
            assertThat(event.get("detail").get("requestContext").get("condition").asText()).isEqualTo("Success");
            assertThat(event.get("detail").get("responsePayload").get("doubled").asInt()).isEqualTo(42);
            assertThat(event.get("detail").get("responseContext").has("functionError")).isFalse();

            ok(runtime, "lambda", "put-function-event-invoke-config", "--function-name", "ok", "--destination-config",
                    "{\"OnSuccess\":{\"Destination\":\"" + FUNCTION + "next\"}}");
            ok(runtime, "lambda", "invoke", "--function-name", "ok", "--invocation-type", "Event", "--cli-binary-format",
                    "raw-in-base64-out", "--payload", "{\"n\":5}", dir.resolve("out.json").toString());
            JsonNode deadLetter = receive(runtime, "dead");
            JsonNode forwarded = JSON.readTree(deadLetter.get("Body").asText());
            assertThat(forwarded.get("requestContext").get("functionArn").asText()).as("next got ok's success record")
                    .isEqualTo(FUNCTION + "ok:$LATEST");
            assertThat(forwarded.get("responsePayload").get("doubled").asInt()).isEqualTo(10);
            assertThat(deadLetter.get("MessageAttributes").get("ErrorMessage").get("StringValue").asText()).isEqualTo("next refuses");
            assertThat(deadLetter.get("MessageAttributes").get("RequestID").get("StringValue").asText()).isNotBlank();
        }
    }

    @Test
    void an_auth_type_none_url_needs_its_public_permission_when_enforced(@TempDir Path dataDir, @TempDir Path dir) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().iamEnforce(true).build())) {
            function(runtime, dir, "web", "export const handler = async () => ({ statusCode: 200, body: 'hello' });");
            String url = ok(runtime, "lambda", "create-function-url-config", "--function-name", "web", "--auth-type", "NONE")
                    .get("FunctionUrl").asText();

            var refused = get(url);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body())).isEqualTo(JSON.readTree("{\"Message\":\"Forbidden\"}"));

            CliResult badType = AwsCliEndToEndTest.aws(runtime.endpoint(), "lambda", "add-permission", "--function-name", "web",
                    "--statement-id", "bad", "--action", "lambda:InvokeFunctionUrl", "--principal", "*", "--function-url-auth-type", "OPEN");
            assertThat(badType.stderr()).contains("functionUrlAuthType").contains("OPEN");
            JsonNode added = ok(runtime, "lambda", "add-permission", "--function-name", "web", "--statement-id",
                    "FunctionURLAllowPublicAccess", "--action", "lambda:InvokeFunctionUrl", "--principal", "*",
                    "--function-url-auth-type", "NONE");
            assertThat(added.get("Statement").asText()).contains("lambda:FunctionUrlAuthType").contains("NONE");
            var served = get(url);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo("hello");
        }
    }

    @Test
    void an_auth_type_none_url_without_its_permission_is_served_and_flagged_by_default(@TempDir Path dataDir, @TempDir Path dir)
            throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build())) {
            function(runtime, dir, "web", "export const handler = async () => ({ statusCode: 200, body: 'hello' });");
            String url = ok(runtime, "lambda", "create-function-url-config", "--function-name", "web", "--auth-type", "NONE")
                    .get("FunctionUrl").asText();
            var served = get(url);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("X-Ats-Iam-Would-Refuse")).get().asString()
                    .contains("AuthType NONE").contains("--function-url-auth-type NONE");

            ok(runtime, "lambda", "add-permission", "--function-name", "web", "--statement-id", "public", "--action",
                    "lambda:InvokeFunctionUrl", "--principal", "*", "--function-url-auth-type", "NONE");
            assertThat(get(url).headers().firstValue("X-Ats-Iam-Would-Refuse")).isEmpty();
        }
    }

    private static java.net.http.HttpResponse<String> get(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static void function(LocalRuntime runtime, Path dir, String name, String code, String... extra) throws Exception {
        if (AwsCliEndToEndTest.aws(runtime.endpoint(), "iam", "get-role", "--role-name", "fn").exitCode() != 0) {
            ok(runtime, "iam", "create-role", "--role-name", "fn", "--assume-role-policy-document", UserFunctionsHttp.LAMBDA_TRUST);
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("lambda", "create-function", "--function-name", name,
                "--runtime", "nodejs20.x", "--handler", "index.handler", "--role", "arn:aws:iam::000000000000:role/fn", "--zip-file",
                Zips.file(dir, name + ".zip", Zips.of(Map.of("index.mjs", code)))));
        args.addAll(java.util.List.of(extra));
        ok(runtime, args.toArray(String[]::new));
    }

    /** Waits for one message on the queue and returns it (with its attributes). */
    private static JsonNode receive(LocalRuntime runtime, String queue) throws Exception {
        String queueUrl = ok(runtime, "sqs", "get-queue-url", "--queue-name", queue).get("QueueUrl").asText();
        JsonNode[] message = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode received = ok(runtime, "sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "2",
                    "--message-attribute-names", "All");
            message[0] = received.path("Messages").path(0);
            return !message[0].isMissingNode();
        });
        return message[0];
    }

    private static JsonNode ok(LocalRuntime runtime, String... args) throws Exception {
        CliResult result = AwsCliEndToEndTest.aws(runtime.endpoint(), args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }
}
