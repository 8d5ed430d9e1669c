package dev.miniats.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.routing.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The input transformation examples of https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html. */
class TargetInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE_ARN = "arn:aws:events:us-east-1:000000000000:rule/example";
    private static final Map<String, String> PATHS = Map.of("timestamp", "$.time", "instance", "$.detail.instance-id",
            "state", "$.detail.state");
    private final ObjectNode event = (ObjectNode) read("""
            {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",
             "source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",
             "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
             "detail":{"instance-id":"i-0123456789","state":"RUNNING"}}""");

    private String transform(String template) {
        Target target = new Target("t", "arn:aws:lambda:us-east-1:000000000000:function:ats-echo", null, null,
                new Target.InputTransformer(PATHS, template), RetryPolicy.DEFAULT, null);
        return TargetInput.render(target, event, "example", () -> RULE_ARN, Instant.parse("2015-11-11T21:29:55Z"));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_simple_string_template_inserts_the_values_text() {
        assertThat(transform("\"instance <instance> is in <state>\"")).isEqualTo("\"instance i-0123456789 is in RUNNING\"");
    }

    @Test
    void a_string_template_keeps_escaped_quotes() {
        assertThat(transform("\"instance \\\"<instance>\\\" is in <state>\"")).isEqualTo("\"instance \\\"i-0123456789\\\" is in RUNNING\"");
    }

    @Test
    void a_json_template_inserts_values_outside_quotes_as_json_strings() {
        assertThat(read(transform("{\"instance\" : <instance>, \"state\": <state>}")))
                .isEqualTo(read("{\"instance\":\"i-0123456789\",\"state\":\"RUNNING\"}"));
    }

    @Test
    void a_json_template_mixes_variables_in_strings_and_static_values() {
        assertThat(read(transform("{\"instance\" : <instance>, \"state\": [ 9, <state>, true ], \"status\": \"<instance> is <state>\"}")))
                .isEqualTo(read("{\"instance\":\"i-0123456789\",\"state\":[9,\"RUNNING\",true],\"status\":\"i-0123456789 is RUNNING\"}"));
    }

    @Test
    void reserved_variables_give_the_rule_and_the_original_event() {
        JsonNode out = read(transform("{\"ruleArn\": <aws.events.rule-arn>, \"ruleName\": <aws.events.rule-name>,"
                + " \"at\": <aws.events.event.ingestion-time>, \"original\": <aws.events.event>, \"json\": <aws.events.event.json>}"));
        assertThat(out.get("ruleArn").asText()).isEqualTo(RULE_ARN);
        assertThat(out.get("ruleName").asText()).isEqualTo("example");
        assertThat(out.get("at").asText()).isEqualTo("2015-11-11T21:29:55Z");
        assertThat(out.get("original").has("detail")).isFalse();
        assertThat(out.get("original").get("id")).isEqualTo(event.get("id"));
        assertThat(out.get("json")).isEqualTo(event);
    }

    @Test
    void reserved_variables_in_a_string_template_give_their_text() {
        assertThat(transform("\"<aws.events.rule-name> triggered\"")).isEqualTo("\"example triggered\"");
    }

    @Test
    void a_variable_whose_path_is_absent_is_not_created() {
        Target target = new Target("t", "arn:x", null, null,
                new Target.InputTransformer(Map.of("missing", "$.detail.nope"), "{\"a\": <missing>, \"b\": \"[<missing>]\"}"),
                RetryPolicy.DEFAULT, null);
        assertThat(read(TargetInput.render(target, event, "r", () -> RULE_ARN, Instant.EPOCH))).isEqualTo(read("{\"a\":null,\"b\":\"[]\"}"));
    }

    @Test
    void input_path_selects_part_of_the_event() {
        Target target = new Target("t", "arn:x", null, "$.detail", null, RetryPolicy.DEFAULT, null);
        assertThat(read(TargetInput.render(target, event, "r", () -> RULE_ARN, Instant.EPOCH))).isEqualTo(event.get("detail"));
    }

    @Test
    void input_path_reads_array_indices() {
        assertThat(TargetInput.select(event, "$.resources[0]").asText()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111");
    }

    @Test
    void constant_input_replaces_the_event() {
        Target target = new Target("t", "arn:x", "{\"fixed\":true}", null, null, RetryPolicy.DEFAULT, null);
        assertThat(TargetInput.render(target, event, "r", () -> RULE_ARN, Instant.EPOCH)).isEqualTo("{\"fixed\":true}");
    }

    @Test
    void a_target_without_input_settings_receives_the_event_itself() {
        Target target = Target.lambda("t", "arn:x", RetryPolicy.DEFAULT);
        assertThat(TargetInput.render(target, event, "r", () -> RULE_ARN, Instant.EPOCH)).isNull();
    }
}
