package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack, synthesized once per test JVM: every synthesis drives node through jsii and takes
 * seconds, and the stack is deterministic, so all test classes share one template.
 * Thread-safe (synchronized lazy initialisation).
 */
final class Synthesized {
    /** Two partners, an environment and a sandbox recipient, so neither defaults nor suffixes pass by accident. */
    static final StackSettings SETTINGS = new StackSettings("test", List.of("Insight Partners", "Acme Ventures"),
            List.of("candidate@example.com"));
    static final String SENDER = "hiring@example.com";
    /** The catalog's functions plus candidate-pages and calendar-reply, which are not in it (no rule of the routing runs them). */
    static final int FUNCTIONS = dev.miniats.functions.HiringFunction.values().length + 2;
    static final String PAGES_FUNCTION = SETTINGS.physicalName(CandidatePagesFunction.FUNCTION_NAME);
    static final String REPLY_FUNCTION = SETTINGS.physicalName(CalendarReplyReceiving.FUNCTION_NAME);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MiniAtsStack stack;
    private static Template template;
    private static JsonNode json;

    private Synthesized() {
    }

    static synchronized Template template() {
        if (template == null) {
            long start = System.nanoTime();
            App app = new App();
            stack = new MiniAtsStack(app, "MiniAts-test", StackProps.builder().build(), SETTINGS,
                    new Deployment.CdkAsset(SENDER, LambdaJar.locate()));
            template = Template.fromStack(stack);
            json = JSON.valueToTree(template.toJSON());
            System.out.printf("Synthesized MiniAts-test in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
        return template;
    }

    static synchronized MiniAtsStack stack() {
        template();
        return stack;
    }

    /** The template as a Jackson tree, for comparisons the assertions library cannot express. */
    static synchronized JsonNode json() {
        template();
        return json;
    }

    /** Logical id to resource, for every resource of {@code type}, in template order. */
    static Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json().get("Resources").fields().forEachRemaining(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** Whether {@code function} (an AWS::Lambda::Function) is one of the two outside the hiring catalog: no hiring tables, no mail. */
    static boolean outsideCatalog(JsonNode function) {
        String name = function.at("/Properties/FunctionName").asText();
        return name.equals(PAGES_FUNCTION) || name.equals(REPLY_FUNCTION);
    }

    /** A policy's Action or Resource as a list: IAM allows one string or an array. */
    static List<String> strings(JsonNode stringOrArray) {
        List<String> values = new java.util.ArrayList<>();
        if (stringOrArray.isArray()) {
            stringOrArray.forEach(v -> values.add(v.asText()));
        } else {
            values.add(stringOrArray.asText());
        }
        return values;
    }

    /** The logical id a {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, attribute]}} points at. */
    static String target(JsonNode reference) {
        if (reference.has("Ref")) {
            return reference.get("Ref").asText();
        }
        if (reference.has("Fn::GetAtt")) {
            return reference.get("Fn::GetAtt").get(0).asText();
        }
        throw new AssertionError("Expected a Ref or Fn::GetAtt, got " + reference);
    }
}
