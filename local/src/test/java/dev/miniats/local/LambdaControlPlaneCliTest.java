package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.AwsCliEndToEndTest.CliResult;
import dev.miniats.local.lambda.UserFunctionsHttp;
import dev.miniats.local.lambda.Zips;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's control plane with the real AWS CLI: code, configuration, versions, aliases, policies, persistence, bad input. */
@Tag("e2e")
class LambdaControlPlaneCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/fn";

    private static String handler(String greeting) {
        return "export const handler = async (e) => ({ greeting: '" + greeting + "', stage: process.env.STAGE ?? null });";
    }

    private static JsonNode ok(CliResult result) throws Exception {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }

    private static JsonNode invoke(LocalRuntime runtime, Path dir, String... extra) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".json");
        String[] args = new String[4 + extra.length];
        args[0] = "lambda";
        args[1] = "invoke";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[2 + extra.length] = "--cli-binary-format=raw-in-base64-out";
        args[3 + extra.length] = out.toString();
        ok(AwsCliEndToEndTest.aws(runtime.endpoint(), args));
        return JSON.readTree(Files.readString(out));
    }

    @Test
    void code_configuration_versions_aliases_and_policies_work_with_the_cli_and_survive_a_restart(@TempDir Path dataDir,
                                                                                                 @TempDir Path dir) throws Exception {
        String policyArn;
        try (TestRuntime test = TestRuntime.start()) {
            LocalRuntime runtime = test.runtime;
            CliSession aws = new CliSession(runtime.endpoint());
            ok(aws.run("iam", "create-role", "--role-name", "fn", "--assume-role-policy-document", UserFunctionsHttp.LAMBDA_TRUST));
            ok(aws.run("lambda", "create-function", "--function-name", "greet", "--runtime", "nodejs20.x", "--handler", "index.handler",
                    "--role", ROLE, "--zip-file", Zips.file(dir, "v1.zip", Zips.of(Map.of("index.mjs", handler("v1"))))));
            assertThat(invoke(runtime, dir, "--function-name", "greet").get("greeting").asText()).isEqualTo("v1");

            JsonNode v1 = ok(aws.run("lambda", "publish-version", "--function-name", "greet"));
            assertThat(v1.get("Version").asText()).isEqualTo("1");
            ok(aws.run("lambda", "create-alias", "--function-name", "greet", "--name", "live", "--function-version", "1"));
            JsonNode updated = ok(aws.run("lambda", "update-function-code", "--function-name", "greet", "--zip-file",
                    Zips.file(dir, "v2.zip", Zips.of(Map.of("index.mjs", handler("v2"))))));
            assertThat(updated.get("CodeSha256").asText()).isNotEqualTo(v1.get("CodeSha256").asText());
            ok(aws.run("lambda", "update-function-configuration", "--function-name", "greet", "--timeout", "7", "--memory-size", "512",
                    "--environment", "Variables={STAGE=test}"));
            ok(aws.run("lambda", "wait", "function-updated", "--function-name", "greet"));

            assertThat(invoke(runtime, dir, "--function-name", "greet").get("greeting").asText()).isEqualTo("v2");
            assertThat(invoke(runtime, dir, "--function-name", "greet").get("stage").asText()).isEqualTo("test");
            assertThat(invoke(runtime, dir, "--function-name", "greet", "--qualifier", "live").get("greeting").asText()).isEqualTo("v1");
            assertThat(invoke(runtime, dir, "--function-name", "greet:1").get("greeting").asText()).isEqualTo("v1");

            JsonNode configuration = ok(aws.run("lambda", "get-function-configuration", "--function-name", "greet"));
            assertThat(configuration.get("Timeout").asInt()).isEqualTo(7);
            assertThat(configuration.get("MemorySize").asInt()).isEqualTo(512);
            assertThat(configuration.get("Runtime").asText()).isEqualTo("nodejs20.x");
            assertThat(configuration.get("LastUpdateStatus").asText()).isEqualTo("Successful");

            JsonNode function = ok(aws.run("lambda", "get-function", "--function-name", "greet"));
            HttpResponse<byte[]> code = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(function.get("Code").get("Location").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(code.statusCode()).isEqualTo(200);
            assertThat(code.body()).isEqualTo(Files.readAllBytes(dir.resolve("v2.zip")));

            JsonNode functions = ok(aws.run("lambda", "list-functions"));
            assertThat(functions.get("Functions").findValuesAsText("FunctionName")).contains("greet", "send-assessment", "ats-echo");
            assertThat(ok(aws.run("lambda", "get-function", "--function-name", "send-assessment")).get("Configuration")
                    .get("Runtime").asText()).isEqualTo("java21");

            JsonNode added = ok(aws.run("lambda", "add-permission", "--function-name", "greet", "--statement-id", "from-rule",
                    "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn",
                    "arn:aws:events:us-east-1:000000000000:rule/workshop/assessments"));
            JsonNode statement = JSON.readTree(added.get("Statement").asText());
            assertThat(statement.get("Principal").get("Service").asText()).isEqualTo("events.amazonaws.com");
            assertThat(statement.get("Condition").get("ArnLike").get("AWS:SourceArn").asText())
                    .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/workshop/assessments");
            policyArn = statement.get("Resource").asText();
            CliResult duplicate = aws.run("lambda", "add-permission", "--function-name", "greet", "--statement-id", "from-rule",
                    "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com");
            assertThat(duplicate.stderr()).contains("ResourceConflictException");
            ok(aws.run("lambda", "put-function-concurrency", "--function-name", "greet", "--reserved-concurrent-executions", "3"));
            test.runtime.close();
            try (TestRuntime again = test.restart()) {
                CliSession after = new CliSession(again.runtime.endpoint());
                JsonNode policy = JSON.readTree(ok(after.run("lambda", "get-policy", "--function-name", "greet")).get("Policy").asText());
                assertThat(policy.get("Statement").get(0).get("Sid").asText()).isEqualTo("from-rule");
                assertThat(policy.get("Statement").get(0).get("Resource").asText()).isEqualTo(policyArn);
                assertThat(ok(after.run("lambda", "list-aliases", "--function-name", "greet")).get("Aliases").get(0)
                        .get("FunctionVersion").asText()).isEqualTo("1");
                assertThat(ok(after.run("lambda", "get-function", "--function-name", "greet")).get("Concurrency")
                        .get("ReservedConcurrentExecutions").asInt()).isEqualTo(3);
                assertThat(invoke(again.runtime, dir, "--function-name", "greet", "--qualifier", "live").get("greeting").asText())
                        .isEqualTo("v1");

                ok(after.run("lambda", "remove-permission", "--function-name", "greet", "--statement-id", "from-rule"));
                assertThat(after.run("lambda", "get-policy", "--function-name", "greet").stderr()).contains("ResourceNotFoundException");
                ok(after.run("lambda", "delete-function", "--function-name", "greet"));
                assertThat(after.run("lambda", "get-function", "--function-name", "greet").stderr())
                        .contains("ResourceNotFoundException").contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:greet");
            }
        }
    }

    @Test
    void bad_uploads_get_lambdas_errors_and_create_nothing(@TempDir Path dir) throws Exception {
        try (TestRuntime test = TestRuntime.start()) {
            CliSession aws = new CliSession(test.runtime.endpoint());
            CliResult noRole = aws.run("lambda", "create-function", "--function-name", "bad", "--runtime", "nodejs20.x",
                    "--handler", "index.handler", "--role", ROLE, "--zip-file", Zips.file(dir, "ok.zip",
                            Zips.of(Map.of("index.mjs", handler("x")))));
            assertThat(noRole.stderr()).contains("InvalidParameterValueException")
                    .contains("The role defined for the function cannot be assumed by Lambda.");
            ok(aws.run("iam", "create-role", "--role-name", "fn", "--assume-role-policy-document", UserFunctionsHttp.LAMBDA_TRUST));
            // the CLI itself refuses a --zip-file that is no zip, so an SDK-style request sends one
            UserFunctionsHttp.Answer notAZip = new UserFunctionsHttp(test.runtime).withRole().create("bad", "nodejs20.x", "index.handler",
                    "export const handler = async () => 1;".getBytes(), Map.of());
            assertThat(notAZip.status()).isEqualTo(400);
            assertThat(notAZip.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterValueException");
            assertThat(notAZip.json().get("message").asText())
                    .isEqualTo("Could not unzip uploaded file. Please check your file, then try to upload again.");

            String good = Zips.file(dir, "good.zip", Zips.of(Map.of("index.mjs", handler("x"))));
            CliResult unknownRuntime = aws.run("lambda", "create-function", "--function-name", "bad", "--runtime", "nodejs99.x",
                    "--handler", "index.handler", "--role", ROLE, "--zip-file", good);
            assertThat(unknownRuntime.stderr()).contains("InvalidParameterValueException")
                    .contains("Value nodejs99.x at 'runtime' failed to satisfy constraint");

            CliResult badRole = aws.run("lambda", "create-function", "--function-name", "bad", "--runtime", "nodejs20.x",
                    "--handler", "index.handler", "--role", "not-a-role", "--zip-file", good);
            assertThat(badRole.stderr()).contains("ValidationException").contains("'not-a-role' at 'role'");

            byte[] big = new byte[70 * 1024 * 1024];
            new java.util.Random(1).nextBytes(big);
            String bigZip = Zips.file(dir, "big.zip", Zips.ofBytes(Map.of("index.mjs", handler("x").getBytes(), "blob.bin", big)));
            CliResult tooLarge = aws.run("lambda", "create-function", "--function-name", "bad", "--runtime", "nodejs20.x",
                    "--handler", "index.handler", "--role", ROLE, "--zip-file", bigZip);
            assertThat(tooLarge.stderr()).contains("RequestEntityTooLargeException")
                    .contains("Request must be smaller than 70167211 bytes for the CreateFunction operation");

            assertThat(ok(aws.run("lambda", "list-functions")).get("Functions").findValuesAsText("FunctionName")).doesNotContain("bad");
            assertThat(test.dataDir.resolve("lambda/code/bad")).doesNotExist();
        }
    }

    /** The CLI against one endpoint. */
    record CliSession(URI endpoint) {
        CliResult run(String... args) throws Exception {
            return AwsCliEndToEndTest.aws(endpoint, args);
        }
    }
}
