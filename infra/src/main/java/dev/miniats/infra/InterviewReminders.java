package dev.miniats.infra;

import dev.miniats.functions.FunctionEnvironment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The interview reminders on AWS: a schedule group for the one-time schedules the interview
 * functions create, the role EventBridge Scheduler assumes to run the reminder function
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role),
 * and, on each interview function, {@code scheduler:*Schedule} on the group's schedules only,
 * {@code iam:PassRole} of that role to Scheduler only, and the environment that names them.
 */
final class InterviewReminders extends Construct {
    /** What the interview functions do to their reminders: create, move, delete, and read one back. */
    static final List<String> SCHEDULE_ACTIONS = List.of("scheduler:CreateSchedule", "scheduler:UpdateSchedule",
            "scheduler:DeleteSchedule", "scheduler:GetSchedule");

    private final CfnScheduleGroup group;
    private final Role schedulerRole;

    InterviewReminders(Construct scope, String id, StackSettings settings, HiringLambda reminderFunction) {
        super(scope, id);
        group = CfnScheduleGroup.Builder.create(this, "Group").name(settings.physicalName("reminders")).build();
        String account = Stack.of(this).getAccount();
        // aws:SourceAccount keeps another account's schedules from using this role (confused deputy).
        schedulerRole = Role.Builder.create(this, "SchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", account))))
                .description("Lets EventBridge Scheduler run the interview reminders")
                .build();
        reminderFunction.live().grantInvoke(schedulerRole);
    }

    /** Lets {@code function} create, move and delete reminders that run {@code reminderFunction}. */
    void grantScheduling(HiringLambda function, HiringLambda reminderFunction) {
        Stack stack = Stack.of(this);
        String schedules = stack.formatArn(software.amazon.awscdk.ArnComponents.builder()
                .service("scheduler").resource("schedule").resourceName(group.getName() + "/*")
                .arnFormat(software.amazon.awscdk.ArnFormat.SLASH_RESOURCE_NAME).build());
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(SCHEDULE_ACTIONS).resources(List.of(schedules)).build());
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole")).resources(List.of(schedulerRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com"))).build());
        function.function().addEnvironment(FunctionEnvironment.REMINDER_FUNCTION_ARN, reminderFunction.live().getFunctionArn());
        function.function().addEnvironment(FunctionEnvironment.SCHEDULER_ROLE_ARN, schedulerRole.getRoleArn());
        function.function().addEnvironment(FunctionEnvironment.SCHEDULE_GROUP, group.getName());
    }

    CfnScheduleGroup group() {
        return group;
    }

    Role schedulerRole() {
        return schedulerRole;
    }
}
