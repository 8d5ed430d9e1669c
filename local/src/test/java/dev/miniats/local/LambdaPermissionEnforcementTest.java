package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.AwsCliEndToEndTest.CliResult;
import dev.miniats.local.lambda.Zips;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With permissions enforced, a rule may invoke a user function only once its resource policy allows the rule, as on AWS. */
@Tag("e2e")
class LambdaPermissionEnforcementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE_ARN = "arn:aws:events:us-east-1:000000000000:rule/hiring/all";

    @Test
    void a_rule_without_add_permission_is_dead_lettered_and_delivered_after_it(@TempDir Path dataDir, @TempDir Path dir)
            throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001)
                .enforcePermissions(true).build())) {
            ok(runtime, "lambda", "create-function", "--function-name", "echo", "--runtime", "nodejs20.x", "--handler",
                    "index.handler", "--role", "arn:aws:iam::000000000000:role/fn", "--zip-file",
                    Zips.file(dir, "fn.zip", Zips.of(Map.of("index.mjs", "export const handler = async (e) => ({ got: e.id });"))));
            ok(runtime, "events", "create-event-bus", "--name", "hiring");
            ok(runtime, "events", "put-rule", "--name", "all", "--event-bus-name", "hiring", "--event-pattern", "{\"source\":[\"ats\"]}");
            ok(runtime, "events", "put-targets", "--rule", "all", "--event-bus-name", "hiring", "--targets",
                    "[{\"Id\":\"echo\",\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:echo\"}]");

            JsonNode refused = delivery(runtime, put(runtime));
            assertThat(refused.get("status").asText()).isEqualTo("dead");
            assertThat(refused.get("errorCode").asText()).isEqualTo("AccessDeniedException");
            assertThat(refused.get("errorMessage").asText()).contains("no statement of its resource-based policy allows the rule "
                    + RULE_ARN);

            ok(runtime, "lambda", "add-permission", "--function-name", "echo", "--statement-id", "hiring-all", "--action",
                    "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", RULE_ARN);
            JsonNode allowed = delivery(runtime, put(runtime));
            assertThat(allowed.get("status").asText()).isEqualTo("delivered");
            assertThat(allowed.get("warning").isNull()).isTrue();
        }
    }

    private static JsonNode ok(LocalRuntime runtime, String... args) throws Exception {
        CliResult result = AwsCliEndToEndTest.aws(runtime.endpoint(), args);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }

    private static String put(LocalRuntime runtime) throws Exception {
        return ok(runtime, "events", "put-events", "--entries", "[{\"Source\":\"ats\",\"DetailType\":\"x\",\"EventBusName\":\"hiring\","
                + "\"Detail\":\"{}\"}]").get("Entries").get(0).get("EventId").asText();
    }

    private static JsonNode delivery(LocalRuntime runtime, String eventId) {
        return NodeFunctionCliTest.awaitDelivery(runtime.endpoint(), eventId);
    }
}
