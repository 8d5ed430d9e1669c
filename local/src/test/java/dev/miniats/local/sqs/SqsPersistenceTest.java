package dev.miniats.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Queues and messages survive a restart of the runtime on the same data directory. */
class SqsPersistenceTest {
    @TempDir
    Path scratch;

    @Test
    void queues_and_messages_survive_a_restart() {
        TestRuntime first = TestRuntime.start();
        TestRuntime second = null;
        try {
            AwsCli aws = AwsCli.local(first.runtime.endpoint(), scratch);
            String url = aws.ok("sqs", "create-queue", "--queue-name", "kept", "--attributes", "VisibilityTimeout=45")
                    .get("QueueUrl").asText();
            aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "first",
                    "--message-attributes", "{\"RULE_ARN\":{\"DataType\":\"String\",\"StringValue\":\"arn:aws:events:us-east-1:000000000000:rule/r\"}}");
            aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "second");
            JsonNode received = aws.ok("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10")
                    .get("Messages");
            for (JsonNode m : received) {
                if (m.get("Body").asText().equals("second")) {
                    aws.ok("sqs", "delete-message", "--queue-url", url, "--receipt-handle", m.get("ReceiptHandle").asText());
                } else {
                    aws.ok("sqs", "change-message-visibility", "--queue-url", url, "--receipt-handle", m.get("ReceiptHandle").asText(),
                            "--visibility-timeout", "0");
                }
            }
            first.close();

            second = first.restart();
            AwsCli again = aws.at(second.runtime.endpoint());
            String restartedUrl = again.ok("sqs", "get-queue-url", "--queue-name", "kept").get("QueueUrl").asText();
            assertThat(again.ok("sqs", "get-queue-attributes", "--queue-url", restartedUrl, "--attribute-names", "VisibilityTimeout")
                    .at("/Attributes/VisibilityTimeout").asText()).isEqualTo("45");
            JsonNode messages = again.ok("sqs", "receive-message", "--queue-url", restartedUrl, "--max-number-of-messages", "10",
                    "--message-attribute-names", "All", "--wait-time-seconds", "1").get("Messages");
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).get("Body").asText()).isEqualTo("first");
            assertThat(messages.get(0).at("/MessageAttributes/RULE_ARN/StringValue").asText()).endsWith(":rule/r");

            again.ok("sqs", "delete-queue", "--queue-url", restartedUrl);
            second.close();
            second = second.restart();
            assertThat(aws.at(second.runtime.endpoint()).fails("sqs", "get-queue-url", "--queue-name", "kept")).contains("NonExistentQueue");
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }
}
