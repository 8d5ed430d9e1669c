package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.core.routing.Route;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.HiringFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.miniats.infra.Synthesized.resources;
import static dev.miniats.infra.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RoutingDeclaration ROUTING = Synthesized.SETTINGS.routing();
    /** The declared routes plus the stack's own rule that feeds the candidate pages their asking events. */
    private static final List<Route> ROUTES = java.util.stream.Stream.concat(ROUTING.routes().stream(),
            java.util.stream.Stream.of(CandidatePagesFunction.askingRoute())).toList();

    private static java.util.Optional<Route> route(String name) {
        return ROUTES.stream().filter(r -> r.ruleName().equals(name)).findFirst();
    }

    @Test
    void synthesized_event_patterns_equal_the_routing_declaration() throws Exception {
        Map<String, JsonNode> synthesized = resources("AWS::Events::Rule").values().stream()
                .map(rule -> rule.get("Properties"))
                .collect(Collectors.toMap(p -> p.get("Name").asText(), p -> p.get("EventPattern")));
        Map<String, JsonNode> declared = new HashMap<>();
        for (Route route : ROUTES) {
            declared.put(route.ruleName(), JSON.readTree(route.eventPattern()));
        }

        assertThat(synthesized).isEqualTo(declared);
        // Every rule that filters on the company (all but record-pipeline) knows the second partner.
        assertThat(synthesized.values()).filteredOn(pattern -> pattern.has("detail")).hasSize(ROUTING.routes().size() - 1)
                .allSatisfy(pattern -> assertThat(pattern.toString()).contains("Acme Ventures"));
    }

    @Test
    void every_rule_is_on_the_stack_bus_and_targets_its_function_live_alias() {
        Map<String, JsonNode> aliases = resources("AWS::Lambda::Alias");
        Map<String, JsonNode> functions = resources("AWS::Lambda::Function");

        assertThat(resources("AWS::Events::Rule")).hasSize(ROUTES.size());
        for (JsonNode rule : resources("AWS::Events::Rule").values()) {
            JsonNode properties = rule.get("Properties");
            Route route = route(properties.get("Name").asText()).orElseThrow();
            JsonNode onlyTarget = single(properties.get("Targets"));
            JsonNode alias = aliases.get(target(onlyTarget.get("Arn")));
            JsonNode function = functions.get(target(alias.at("/Properties/FunctionName")));

            assertThat(target(properties.get("EventBusName"))).isEqualTo(busLogicalId());
            assertThat(properties.get("State").asText()).isEqualTo("ENABLED");
            assertThat(alias.at("/Properties/Name").asText()).isEqualTo(HiringLambda.ALIAS);
            assertThat(function.at("/Properties/FunctionName").asText())
                    .isEqualTo(Synthesized.SETTINGS.physicalName(route.functionName()));
        }
    }

    @Test
    void every_target_has_the_declared_retry_policy_and_a_dead_letter_queue() {
        Map<String, JsonNode> queues = resources("AWS::SQS::Queue");

        for (JsonNode rule : resources("AWS::Events::Rule").values()) {
            JsonNode properties = rule.get("Properties");
            Route route = route(properties.get("Name").asText()).orElseThrow();
            JsonNode onlyTarget = single(properties.get("Targets"));

            assertThat(route.deadLetter()).as("every declared route asks for a dead-letter queue").isTrue();
            assertThat(onlyTarget.at("/RetryPolicy/MaximumRetryAttempts").asInt())
                    .isEqualTo(route.retryPolicy().maximumRetryAttempts());
            assertThat(onlyTarget.at("/RetryPolicy/MaximumEventAgeInSeconds").asInt())
                    .isEqualTo(route.retryPolicy().maximumEventAgeSeconds());
            assertThat(queues).containsKey(target(onlyTarget.at("/DeadLetterConfig/Arn")));
        }
    }

    @Test
    void every_dead_letter_queue_url_is_an_output_named_after_its_rule() {
        JsonNode outputs = Synthesized.json().get("Outputs");

        for (JsonNode rule : resources("AWS::Events::Rule").values()) {
            String name = rule.at("/Properties/Name").asText();
            String queue = target(single(rule.at("/Properties/Targets")).at("/DeadLetterConfig/Arn"));

            assertThat(target(outputs.at("/" + Names.pascal(name) + "DeadLettersUrl/Value"))).isEqualTo(queue);
        }
    }

    @Test
    void each_dead_letter_queue_accepts_messages_only_from_its_own_rule() {
        Map<String, JsonNode> rules = resources("AWS::Events::Rule");
        Map<String, String> queueToRule = rules.entrySet().stream().collect(Collectors.toMap(
                e -> target(single(e.getValue().at("/Properties/Targets")).at("/DeadLetterConfig/Arn")),
                Map.Entry::getKey));

        List<JsonNode> policies = List.copyOf(resources("AWS::SQS::QueuePolicy").values());
        assertThat(policies).hasSize(rules.size());
        for (JsonNode policy : policies) {
            String queue = target(single(policy.at("/Properties/Queues")));
            JsonNode allow = allowStatements(policy.at("/Properties/PolicyDocument/Statement")).get(0);

            assertThat(allow.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
            assertThat(allow.get("Action").asText()).isEqualTo("sqs:SendMessage");
            assertThat(target(allow.get("Resource"))).isEqualTo(queue);
            assertThat(target(allow.at("/Condition/ArnEquals/aws:SourceArn"))).isEqualTo(queueToRule.get(queue));
        }
    }

    @Test
    void each_rule_may_invoke_exactly_the_alias_it_targets() {
        Map<String, JsonNode> rules = resources("AWS::Events::Rule");
        Map<String, String> ruleBySourceArn = resources("AWS::Lambda::Permission").values().stream()
                .map(permission -> permission.get("Properties"))
                .filter(p -> !p.get("Principal").asText().equals("*")) // the candidate pages' function URL: CandidatePagesTest
                .filter(p -> !p.get("Principal").asText().equals("ses.amazonaws.com")) // SES receiving: CalendarRepliesTest
                .peek(p -> assertThat(p.get("Principal").asText()).isEqualTo("events.amazonaws.com"))
                .peek(p -> assertThat(p.get("Action").asText()).isEqualTo("lambda:InvokeFunction"))
                .collect(Collectors.toMap(p -> target(p.get("SourceArn")), p -> target(p.get("FunctionName"))));

        assertThat(ruleBySourceArn.keySet()).isEqualTo(rules.keySet());
        rules.forEach((logicalId, rule) -> assertThat(ruleBySourceArn.get(logicalId))
                .isEqualTo(target(single(rule.at("/Properties/Targets")).get("Arn"))));
    }

    @Test
    void a_route_to_a_function_missing_from_the_catalog_stops_synthesis() {
        Route stray = new Route("collect-nothing", "Targets nothing", "{\"source\":[\"mini-ats\"]}",
                "no-such-function", RetryPolicy.DEFAULT, true);
        RoutingDeclaration withStray = new RoutingDeclaration(ROUTING.busName(), ROUTING.source(),
                ROUTING.partners(), List.of(ROUTING.routes().get(0), stray));

        assertThatThrownBy(() -> new MiniAtsStack(new App(), "Stray", StackProps.builder().build(),
                Synthesized.SETTINGS, withStray, new Deployment.CdkAsset(Synthesized.SENDER, LambdaJar.locate())))
                .isInstanceOf(UnknownFunctionException.class)
                .hasMessageContaining("collect-nothing")
                .hasMessageContaining("no-such-function")
                .hasMessageContaining(HiringFunction.SEND_ASSESSMENT.functionName());
    }

    private static String busLogicalId() {
        return resources("AWS::Events::EventBus").keySet().iterator().next();
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.isArray() && array.size() == 1).as("exactly one element in %s", array).isTrue();
        return array.get(0);
    }

    private static List<JsonNode> allowStatements(JsonNode statements) {
        List<JsonNode> allows = new ArrayList<>();
        statements.forEach(s -> {
            if (s.get("Effect").asText().equals("Allow")) {
                allows.add(s);
            }
        });
        assertThat(allows).hasSize(1);
        return allows;
    }
}
