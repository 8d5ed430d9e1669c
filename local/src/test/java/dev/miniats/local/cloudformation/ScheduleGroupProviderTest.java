package dev.miniats.local.cloudformation;

import org.junit.jupiter.api.extension.RegisterExtension;
import dev.miniats.local.iam.CliRuntime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** AWS::Scheduler::ScheduleGroup through {@code aws cloudformation deploy}, seen with {@code aws scheduler}. */
@Tag("e2e")
class ScheduleGroupProviderTest {
    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();

    @Test
    void a_stacks_schedule_group_is_made_in_the_scheduler_answers_ref_and_arn_and_goes_with_the_stack() throws Exception {
        Path template = Files.writeString(ats.dataDir().resolve("group.yaml"), """
                Resources:
                  Reminders:
                    Type: AWS::Scheduler::ScheduleGroup
                    Properties:
                      Name: mini-ats-test-reminders
                Outputs:
                  GroupName:
                    Value: !Ref Reminders
                  GroupArn:
                    Value: !GetAtt Reminders.Arn
                """);

        ats.aws().okText("cloudformation", "deploy", "--stack-name", "reminders", "--template-file", template.toString());

        var group = ats.aws().ok("scheduler", "get-schedule-group", "--name", "mini-ats-test-reminders");
        assertThat(group.get("State").asText()).isEqualTo("ACTIVE");
        var outputs = ats.aws().ok("cloudformation", "describe-stacks", "--stack-name", "reminders").get("Stacks").get(0).get("Outputs");
        assertThat(outputs.toString()).contains("mini-ats-test-reminders")
                .contains("arn:aws:scheduler:us-east-1:000000000000:schedule-group/mini-ats-test-reminders");

        ats.aws().ok("scheduler", "create-schedule", "--name", "r-1", "--group-name", "mini-ats-test-reminders",
                "--schedule-expression", "at(2030-01-01T09:00:00)", "--flexible-time-window", "Mode=OFF",
                "--target", "Arn=arn:aws:lambda:us-east-1:000000000000:function:send-interview-reminder,RoleArn=arn:aws:iam::000000000000:role/r");
        ats.aws().ok("cloudformation", "delete-stack", "--stack-name", "reminders");

        await().atMost(Duration.ofSeconds(20)).until(() -> ats.aws().run("scheduler", "get-schedule-group", "--name", "mini-ats-test-reminders").exit() != 0);
        assertThat(ats.aws().fails("scheduler", "get-schedule", "--name", "r-1", "--group-name", "mini-ats-test-reminders"))
                .contains("ResourceNotFoundException");
    }

    @Test
    void a_group_name_scheduler_refuses_fails_the_stack_with_the_reason() throws Exception {
        Path template = Files.writeString(ats.dataDir().resolve("bad-group.yaml"), """
                Resources:
                  Reminders:
                    Type: AWS::Scheduler::ScheduleGroup
                    Properties:
                      Name: "not a valid name!"
                """);

        ats.aws().fails("cloudformation", "deploy", "--stack-name", "bad-reminders", "--template-file", template.toString());

        String events = ats.aws().ok("cloudformation", "describe-stack-events", "--stack-name", "bad-reminders").toString();
        assertThat(events).contains("Name is 'not a valid name!'; expected 1 to 64 letters");
    }
}
