package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.functions.HiringFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.miniats.infra.Synthesized.resources;
import static dev.miniats.infra.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

class FunctionsTest {

    @Test
    void every_catalog_function_runs_on_java_21_arm64_with_snapstart_and_active_tracing() {
        for (HiringFunction function : HiringFunction.values()) {
            Synthesized.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", Synthesized.SETTINGS.physicalName(function.functionName()),
                    "Handler", function.handler(),
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "TracingConfig", Map.of("Mode", "Active"),
                    "MemorySize", 1024,
                    "Timeout", 30));
        }
        Synthesized.template().resourceCountIs("AWS::Lambda::Function", Synthesized.FUNCTIONS);
    }

    @Test
    void every_function_knows_its_tables_and_runs_the_jvm_on_c1_only() {
        Map<String, JsonNode> tables = resources("AWS::DynamoDB::Table");
        Map<String, String> tableNames = tables.entrySet().stream().collect(Collectors.toMap(
                e -> e.getValue().at("/Properties/TableName").asText(), Map.Entry::getKey));

        for (JsonNode function : resources("AWS::Lambda::Function").values()) {
            JsonNode variables = function.at("/Properties/Environment/Variables");
            if (Synthesized.outsideCatalog(function)) {
                continue; // no hiring tables: CandidatePagesTest and CalendarRepliesTest check their own
            }

            assertThat(variables.get("JAVA_TOOL_OPTIONS").asText())
                    .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            assertThat(target(variables.get("MINI_ATS_IDEMPOTENCY_TABLE")))
                    .isEqualTo(tableNames.get(Synthesized.SETTINGS.physicalName("idempotency")));
            assertThat(target(variables.get("MINI_ATS_PIPELINE_TABLE")))
                    .isEqualTo(tableNames.get(Synthesized.SETTINGS.physicalName("pipeline")));
            assertThat(target(variables.get("MINI_ATS_ROSTER_TABLE")))
                    .isEqualTo(tableNames.get(Synthesized.SETTINGS.physicalName("roster")));
            assertThat(variables.get("MINI_ATS_PARTNERS").asText()).isEqualTo("Insight Partners,Acme Ventures");
        }
    }

    @Test
    void every_function_has_a_live_alias_on_a_published_version() {
        Map<String, JsonNode> versions = resources("AWS::Lambda::Version");
        Map<String, JsonNode> aliases = resources("AWS::Lambda::Alias");

        assertThat(aliases).hasSize(Synthesized.FUNCTIONS);
        Set<String> aliasedFunctions = aliases.values().stream().map(alias -> {
            JsonNode properties = alias.get("Properties");
            JsonNode version = versions.get(target(properties.get("FunctionVersion")));
            assertThat(properties.get("Name").asText()).isEqualTo("live");
            assertThat(properties.at("/FunctionVersion/Fn::GetAtt/1").asText()).isEqualTo("Version");
            assertThat(target(version.at("/Properties/FunctionName"))).isEqualTo(target(properties.get("FunctionName")));
            return target(properties.get("FunctionName"));
        }).collect(Collectors.toSet());
        assertThat(aliasedFunctions).isEqualTo(resources("AWS::Lambda::Function").keySet());
    }

    @Test
    void every_function_logs_to_its_own_group_kept_two_weeks() {
        Map<String, JsonNode> logGroups = resources("AWS::Logs::LogGroup");

        for (JsonNode function : resources("AWS::Lambda::Function").values()) {
            JsonNode logGroup = logGroups.get(target(function.at("/Properties/LoggingConfig/LogGroup")));

            assertThat(logGroup.at("/Properties/LogGroupName").asText())
                    .isEqualTo("/aws/lambda/" + function.at("/Properties/FunctionName").asText());
            assertThat(logGroup.at("/Properties/RetentionInDays").asInt()).isEqualTo(14);
        }
        assertThat(logGroups).hasSize(Synthesized.FUNCTIONS);
    }

    @Test
    void every_function_has_a_role_of_its_own() {
        List<String> roles = resources("AWS::Lambda::Function").values().stream()
                .map(function -> target(function.at("/Properties/Role")))
                .toList();

        assertThat(roles).doesNotHaveDuplicates().hasSize(Synthesized.FUNCTIONS);
        Synthesized.template().hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument",
                Match.objectLike(Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "lambda.amazonaws.com")))))));
    }

    @Test
    void every_function_has_an_output_with_its_name() {
        JsonNode outputs = Synthesized.json().get("Outputs");

        for (HiringFunction function : HiringFunction.values()) {
            String id = Arrays.stream(function.functionName().split("-"))
                    .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                    .collect(Collectors.joining()) + "FunctionName";
            JsonNode referenced = resources("AWS::Lambda::Function").get(target(outputs.at("/" + id + "/Value")));

            assertThat(referenced.at("/Properties/FunctionName").asText())
                    .isEqualTo(Synthesized.SETTINGS.physicalName(function.functionName()));
        }
    }
}
