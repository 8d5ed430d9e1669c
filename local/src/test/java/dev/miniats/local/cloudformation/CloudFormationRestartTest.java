package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Stacks live in SQLite: a restarted runtime still describes, and can delete, what the last one deployed. */
@Tag("e2e")
class CloudFormationRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void a_stack_created_before_a_restart_is_described_and_deleted_after_it() {
        RuntimeConfig config = RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build();
        String stackId;
        try (LocalRuntime first = LocalRuntime.start(config)) {
            AwsCli aws = AwsCli.local(first.endpoint(), dataDir);
            stackId = aws.ok("cloudformation", "create-stack", "--stack-name", "durable", "--template-body", """
                    {"Resources": {"B": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "durable-bus"}}},
                     "Outputs": {"Bus": {"Value": {"Fn::GetAtt": ["B", "Arn"]}}}}""").get("StackId").asText();
            aws.ok("cloudformation", "wait", "stack-create-complete", "--stack-name", "durable");
        }
        try (LocalRuntime second = LocalRuntime.start(config)) {
            AwsCli aws = AwsCli.local(second.endpoint(), dataDir);
            JsonNode stack = aws.ok("cloudformation", "describe-stacks", "--stack-name", "durable").get("Stacks").get(0);
            assertThat(stack.get("StackId").asText()).isEqualTo(stackId);
            assertThat(stack.get("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
            assertThat(stack.get("Outputs").get(0).get("OutputValue").asText()).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/durable-bus");
            aws.ok("cloudformation", "delete-stack", "--stack-name", "durable");
            aws.ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "durable");
            assertThat(aws.fails("events", "describe-event-bus", "--name", "durable-bus")).contains("ResourceNotFoundException");
            assertThat(aws.ok("cloudformation", "list-stacks", "--stack-status-filter", "DELETE_COMPLETE").get("StackSummaries"))
                    .extracting(s -> s.get("StackId").asText()).contains(stackId);
        }
    }
}
