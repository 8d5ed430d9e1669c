package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.miniats.infra.Synthesized.resources;
import static dev.miniats.infra.Synthesized.strings;
import static dev.miniats.infra.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

/** Every permission in the template, read from the template: what a reviewer of the IAM diff would check. */
class LeastPrivilegeTest {

    @Test
    void no_statement_allows_every_action_of_anything() {
        List<String> actions = allowStatements().stream().flatMap(s -> strings(s.get("Action")).stream()).toList();

        assertThat(actions).isNotEmpty().allSatisfy(action -> assertThat(action)
                .doesNotContain("*")
                .matches("[a-z0-9-]+:[A-Za-z0-9]+"));
    }

    @Test
    void no_role_carries_a_managed_policy_let_alone_full_access() {
        for (JsonNode role : resources("AWS::IAM::Role").values()) {
            JsonNode managed = role.at("/Properties/ManagedPolicyArns");
            assertThat(managed.toString()).doesNotContain("FullAccess");
            assertThat(managed.isMissingNode() || managed.isEmpty())
                    .as("logging is granted inline on the function's own log group, not by a managed policy")
                    .isTrue();
        }
        assertThat(resources("AWS::IAM::ManagedPolicy")).isEmpty();
    }

    @Test
    void email_may_be_sent_only_as_or_to_the_stack_ses_identities() {
        Set<String> identities = resources("AWS::SES::EmailIdentity").keySet();

        for (JsonNode policy : resources("AWS::IAM::Policy").values()) {
            if (!functionPolicy(policy) || sendsNoMail(policy)) {
                continue; // Scheduler's role runs the reminder function; the candidate pages and calendar-reply publish answers: no mail
            }
            List<JsonNode> sesStatements = new ArrayList<>();
            policy.at("/Properties/PolicyDocument/Statement").forEach(s -> {
                if (strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("ses:"))) {
                    sesStatements.add(s);
                }
            });
            Set<String> granted = new HashSet<>();
            for (JsonNode statement : sesStatements) {
                assertThat(strings(statement.get("Action"))).containsExactlyInAnyOrder("ses:SendEmail", "ses:SendRawEmail");
                // arn:<partition>:ses:<region>:<account>:identity/<an EmailIdentity resource>
                JsonNode arnParts = statement.at("/Resource/Fn::Join/1");
                assertThat(arnParts.get(arnParts.size() - 2).asText()).isEqualTo(":identity/");
                granted.add(target(arnParts.get(arnParts.size() - 1)));
            }
            assertThat(granted).isEqualTo(identities);
        }
    }

    @Test
    void table_access_is_item_level_and_on_the_stack_tables_only() {
        Set<String> tables = new HashSet<>(resources("AWS::DynamoDB::Table").keySet());
        String pagesTable = resources("AWS::DynamoDB::Table").entrySet().stream()
                .filter(t -> t.getValue().at("/Properties/TableName").asText().equals(Synthesized.PAGES_FUNCTION))
                .findFirst().orElseThrow().getKey();
        tables.remove(pagesTable);
        String idempotencyTable = resources("AWS::DynamoDB::Table").entrySet().stream()
                .filter(t -> t.getValue().at("/Properties/TableName").asText().equals(Synthesized.SETTINGS.physicalName("idempotency")))
                .findFirst().orElseThrow().getKey();
        List<JsonNode> dynamoStatements = allowStatements().stream()
                .filter(s -> strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();

        assertThat(dynamoStatements).isNotEmpty();
        for (JsonNode statement : dynamoStatements) {
            if (!statement.get("Resource").isArray()) {
                // the candidate pages: answers and asking events by key, on their own table only (no Query, no Scan);
                // calendar-reply: invites, answers and its idempotency records by key, on the idempotency table only
                assertThat(target(statement.get("Resource"))).isIn(pagesTable, idempotencyTable);
                assertThat(strings(statement.get("Action"))).containsExactlyInAnyOrder(
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
                continue;
            }
            assertThat(strings(statement.get("Action"))).containsExactlyInAnyOrder(
                    "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");
            List<String> resourcesGranted = new ArrayList<>();
            statement.get("Resource").forEach(r -> resourcesGranted.add(target(r)));
            assertThat(resourcesGranted).containsExactlyInAnyOrderElementsOf(tables);
        }
    }

    @Test
    void only_x_ray_is_granted_on_every_resource_because_it_has_no_resource_level_permissions() {
        Set<String> actionsOnStar = allowStatements().stream()
                .filter(s -> s.get("Resource").isTextual() && s.get("Resource").asText().equals("*"))
                .flatMap(s -> strings(s.get("Action")).stream())
                .collect(Collectors.toSet());

        assertThat(actionsOnStar).containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
    }

    /** Whether {@code policy} is the candidate pages' or calendar-reply's: functions that publish answers and send no mail. */
    private static boolean sendsNoMail(JsonNode policy) {
        for (JsonNode role : policy.at("/Properties/Roles")) {
            String description = resources("AWS::IAM::Role").get(target(role)).at("/Properties/Description").asText();
            if (description.contains(Synthesized.PAGES_FUNCTION) || description.contains(Synthesized.REPLY_FUNCTION)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code policy} is attached to a role that Lambda assumes, i.e. a function's. */
    private static boolean functionPolicy(JsonNode policy) {
        for (JsonNode role : policy.at("/Properties/Roles")) {
            JsonNode trust = resources("AWS::IAM::Role").get(target(role)).at("/Properties/AssumeRolePolicyDocument/Statement/0/Principal/Service");
            if (!trust.asText().equals("lambda.amazonaws.com")) {
                return false;
            }
        }
        return true;
    }

    /** Allow statements of every identity policy and resource policy in the template. */
    private static List<JsonNode> allowStatements() {
        List<JsonNode> statements = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::Role", "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy")) {
            resources(type).values().forEach(resource -> {
                resource.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
                resource.at("/Properties/Policies").forEach(p -> p.at("/PolicyDocument/Statement").forEach(statements::add));
            });
        }
        return statements.stream().filter(s -> s.get("Effect").asText().equals("Allow")).toList();
    }

}
