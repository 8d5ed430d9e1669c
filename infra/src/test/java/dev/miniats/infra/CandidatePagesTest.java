package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.functions.HiringFunction;
import dev.miniats.functions.pages.CandidatePagesHandler;
import dev.miniats.functions.pages.PagesEnvironment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.miniats.infra.Synthesized.resources;
import static dev.miniats.infra.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

/** The candidate pages on AWS: a public function URL on the live alias, its permissions, table, secret and links. */
class CandidatePagesTest {

    private static Map.Entry<String, JsonNode> pagesFunction() {
        return resources("AWS::Lambda::Function").entrySet().stream()
                .filter(f -> f.getValue().at("/Properties/FunctionName").asText().equals(Synthesized.PAGES_FUNCTION))
                .findFirst().orElseThrow();
    }

    private static String pagesAlias() {
        String function = pagesFunction().getKey();
        return resources("AWS::Lambda::Alias").entrySet().stream()
                .filter(a -> target(a.getValue().at("/Properties/FunctionName")).equals(function))
                .findFirst().orElseThrow().getKey();
    }

    @Test
    void the_pages_function_runs_the_pages_handler_with_its_table_bus_and_the_link_secret() {
        JsonNode properties = pagesFunction().getValue().get("Properties");
        JsonNode variables = properties.at("/Environment/Variables");
        String table = resources("AWS::DynamoDB::Table").entrySet().stream()
                .filter(t -> t.getValue().at("/Properties/TableName").asText().equals(Synthesized.PAGES_FUNCTION))
                .findFirst().orElseThrow().getKey();

        assertThat(properties.get("Handler").asText()).isEqualTo(CandidatePagesHandler.class.getName() + "::handleRequest");
        assertThat(target(variables.get(PagesEnvironment.PAGES_TABLE))).isEqualTo(table);
        assertThat(target(variables.get(PagesEnvironment.BUS_NAME))).isEqualTo(resources("AWS::Events::EventBus").keySet().iterator().next());
        assertThat(variables.at("/" + PagesEnvironment.LINK_SECRET + "/Ref").asText()).isEqualTo(MiniAtsStack.LINK_SECRET_PARAMETER);
        assertThat(resources("AWS::DynamoDB::Table").get(table).at("/Properties/TimeToLiveSpecification/AttributeName").asText())
                .isEqualTo("expiration");
    }

    @Test
    void the_function_url_on_the_live_alias_is_public_with_the_permissions_aws_requires() {
        JsonNode url = resources("AWS::Lambda::Url").values().iterator().next().get("Properties");
        List<JsonNode> publicPermissions = new ArrayList<>();
        resources("AWS::Lambda::Permission").values().forEach(p -> {
            if (p.at("/Properties/Principal").asText().equals("*")) {
                publicPermissions.add(p.get("Properties"));
            }
        });

        assertThat(resources("AWS::Lambda::Url")).hasSize(1);
        assertThat(url.get("AuthType").asText()).isEqualTo("NONE");
        assertThat(url.get("Qualifier").asText()).isEqualTo(HiringLambda.ALIAS);
        assertThat(target(url.get("TargetFunctionArn"))).isEqualTo(pagesFunction().getKey());
        // https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html: InvokeFunctionUrl for NONE, and InvokeFunction via the URL
        assertThat(publicPermissions).hasSize(2).allSatisfy(p -> assertThat(target(p.get("FunctionName"))).isEqualTo(pagesAlias()));
        assertThat(publicPermissions).anySatisfy(p -> {
            assertThat(p.get("Action").asText()).isEqualTo("lambda:InvokeFunctionUrl");
            assertThat(p.get("FunctionUrlAuthType").asText()).isEqualTo("NONE");
        });
        assertThat(publicPermissions).anySatisfy(p -> {
            assertThat(p.get("Action").asText()).isEqualTo("lambda:InvokeFunction");
            assertThat(p.get("InvokedViaFunctionUrl").asBoolean()).isTrue();
        });
    }

    @Test
    void the_pages_role_may_put_events_on_the_stack_bus_only_and_sends_no_mail() {
        String role = target(pagesFunction().getValue().at("/Properties/Role"));
        List<JsonNode> statements = new ArrayList<>();
        resources("AWS::IAM::Policy").values().forEach(policy -> policy.at("/Properties/Roles").forEach(r -> {
            if (target(r).equals(role)) {
                policy.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
            }
        }));

        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action").asText()).isEqualTo("events:PutEvents");
            assertThat(target(s.get("Resource"))).isEqualTo(resources("AWS::Events::EventBus").keySet().iterator().next());
        });
        assertThat(statements.toString()).doesNotContain("ses:");
    }

    @Test
    void every_hiring_function_links_to_the_function_url_and_signs_with_the_same_secret() {
        String url = resources("AWS::Lambda::Url").keySet().iterator().next();

        for (JsonNode function : resources("AWS::Lambda::Function").values()) {
            if (Synthesized.outsideCatalog(function)) {
                continue;
            }
            JsonNode variables = function.at("/Properties/Environment/Variables");
            assertThat(variables.at("/" + FunctionEnvironment.CANDIDATE_URL + "/Fn::GetAtt").toString())
                    .isEqualTo("[\"" + url + "\",\"FunctionUrl\"]");
            assertThat(variables.at("/" + FunctionEnvironment.LINK_SECRET + "/Ref").asText()).isEqualTo(MiniAtsStack.LINK_SECRET_PARAMETER);
        }
        assertThat(HiringFunction.values()).isNotEmpty();
    }

    @Test
    void the_link_secret_comes_from_parameter_store() {
        JsonNode parameter = Synthesized.json().at("/Parameters/" + MiniAtsStack.LINK_SECRET_PARAMETER);

        assertThat(parameter.get("Type").asText()).isEqualTo("AWS::SSM::Parameter::Value<String>");
        assertThat(parameter.get("Default").asText()).isEqualTo("/" + Synthesized.SETTINGS.busName() + "/link-secret");
    }

    @Test
    void the_asking_rule_hands_the_pages_every_event_whose_mail_carries_links() {
        JsonNode rule = resources("AWS::Events::Rule").values().stream()
                .filter(r -> r.at("/Properties/Name").asText().equals(CandidatePagesFunction.ASKING_RULE))
                .findFirst().orElseThrow();

        assertThat(rule.at("/Properties/EventPattern/detail-type").toString())
                .isEqualTo("[\"send-assessment\",\"schedule-interview\",\"reschedule-interview\",\"send-offer-letter\"]");
        assertThat(target(rule.at("/Properties/Targets/0/Arn"))).isEqualTo(pagesAlias());
    }
}
