package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.functions.HiringFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.miniats.infra.Synthesized.resources;
import static dev.miniats.infra.Synthesized.strings;
import static dev.miniats.infra.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

/** The interview reminders' resources: the schedule group, Scheduler's execution role, the interview functions' grants. */
class InterviewRemindersTest {
    private static final String GROUP = Synthesized.SETTINGS.physicalName("reminders");

    @Test
    void the_stack_has_one_schedule_group_for_the_reminders() {
        Synthesized.template().resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
        Synthesized.template().hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", GROUP));
    }

    @Test
    void scheduler_may_assume_its_role_for_this_account_only_and_invoke_only_the_reminder_functions_alias() {
        Map.Entry<String, JsonNode> role = schedulerRole();
        JsonNode trust = role.getValue().at("/Properties/AssumeRolePolicyDocument/Statement/0");
        assertThat(trust.at("/Condition/StringEquals/aws:SourceAccount").toString()).contains("AWS::AccountId");

        List<JsonNode> statements = policyStatementsOf(role.getKey());
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).get("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(target(statements.get(0).get("Resource"))).isEqualTo(aliasOf(HiringFunction.SEND_INTERVIEW_REMINDER));
    }

    @Test
    void the_interview_functions_manage_schedules_of_the_group_only_and_pass_the_role_to_scheduler_only() {
        String schedulerRole = schedulerRole().getKey();
        for (HiringFunction function : HiringFunction.values()) {
            List<JsonNode> statements = policyStatementsOf(roleOf(function));
            List<JsonNode> scheduling = statements.stream().filter(s -> s.get("Action").toString().contains("scheduler:")).toList();
            List<JsonNode> passRole = statements.stream().filter(s -> s.get("Action").toString().contains("iam:PassRole")).toList();
            boolean interview = List.of(HiringFunction.SCHEDULE_INTERVIEW, HiringFunction.RESCHEDULE_INTERVIEW,
                    HiringFunction.CANCEL_INTERVIEW).contains(function);
            if (!interview) {
                assertThat(scheduling).as(function.functionName()).isEmpty();
                assertThat(passRole).as(function.functionName()).isEmpty();
                continue;
            }
            assertThat(scheduling).as(function.functionName()).hasSize(1);
            assertThat(strings(scheduling.get(0).get("Action"))).containsExactlyInAnyOrderElementsOf(InterviewReminders.SCHEDULE_ACTIONS);
            assertThat(scheduling.get(0).get("Resource").toString()).contains(":scheduler:").contains(":schedule/" + GROUP + "/*");
            assertThat(passRole).as(function.functionName()).hasSize(1);
            assertThat(target(passRole.get(0).get("Resource"))).isEqualTo(schedulerRole);
            assertThat(passRole.get(0).at("/Condition/StringEquals/iam:PassedToService").asText()).isEqualTo("scheduler.amazonaws.com");

            JsonNode variables = functionOf(function).at("/Properties/Environment/Variables");
            assertThat(variables.has(FunctionEnvironment.SCHEDULE_GROUP)).isTrue();
            assertThat(target(variables.get(FunctionEnvironment.SCHEDULER_ROLE_ARN))).isEqualTo(schedulerRole);
            assertThat(variables.get(FunctionEnvironment.REMINDER_FUNCTION_ARN).toString())
                    .contains(aliasOf(HiringFunction.SEND_INTERVIEW_REMINDER));
        }
        Synthesized.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", HiringFunction.SEND_INTERVIEW_REMINDER.handler(), "Environment", Match.anyValue()));
    }

    private static Map.Entry<String, JsonNode> schedulerRole() {
        return resources("AWS::IAM::Role").entrySet().stream()
                .filter(e -> e.getValue().at("/Properties/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText()
                        .equals("scheduler.amazonaws.com"))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one role for scheduler.amazonaws.com");
                }).orElseThrow();
    }

    private static JsonNode functionOf(HiringFunction function) {
        return resources("AWS::Lambda::Function").values().stream()
                .filter(f -> f.at("/Properties/Handler").asText().equals(function.handler())).findFirst().orElseThrow();
    }

    private static String roleOf(HiringFunction function) {
        return target(functionOf(function).at("/Properties/Role"));
    }

    private static String aliasOf(HiringFunction function) {
        String functionId = resources("AWS::Lambda::Function").entrySet().stream()
                .filter(f -> f.getValue().at("/Properties/Handler").asText().equals(function.handler())).findFirst().orElseThrow().getKey();
        return resources("AWS::Lambda::Alias").entrySet().stream()
                .filter(a -> target(a.getValue().at("/Properties/FunctionName")).equals(functionId)).findFirst().orElseThrow().getKey();
    }

    /** The statements of every AWS::IAM::Policy attached to role {@code roleId}. */
    private static List<JsonNode> policyStatementsOf(String roleId) {
        List<JsonNode> statements = new ArrayList<>();
        resources("AWS::IAM::Policy").values().forEach(policy -> {
            boolean attached = false;
            for (JsonNode role : policy.at("/Properties/Roles")) {
                attached |= target(role).equals(roleId);
            }
            if (attached) {
                policy.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
            }
        });
        return statements;
    }

}
