package dev.miniats.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQS through ElasticMQ behind the runtime's endpoint, driven by the real AWS CLI v2. */
class SqsAwsCliTest {
    @TempDir
    static Path scratch;
    private static TestRuntime ats;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        ats = TestRuntime.start();
        aws = AwsCli.local(ats.runtime.endpoint(), scratch);
    }

    @AfterAll
    static void stop() {
        ats.close();
    }

    @Test
    void a_message_goes_through_a_queue_with_its_attributes_and_is_deleted() {
        String url = aws.ok("sqs", "create-queue", "--queue-name", "offers").get("QueueUrl").asText();
        assertThat(url).isEqualTo(ats.runtime.endpoint() + "/000000000000/offers");
        assertThat(aws.ok("sqs", "list-queues").get("QueueUrls").toString()).contains(url);

        aws.ok("sqs", "send-message", "--queue-url", url, "--message-body", "{\"offer\":1}",
                "--message-attributes", "{\"ERROR_CODE\":{\"DataType\":\"String\",\"StringValue\":\"Throttled\"}}");
        JsonNode message = aws.ok("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All",
                "--message-attribute-names", "All", "--wait-time-seconds", "2").get("Messages").get(0);
        assertThat(message.get("Body").asText()).isEqualTo("{\"offer\":1}");
        assertThat(message.at("/MessageAttributes/ERROR_CODE/StringValue").asText()).isEqualTo("Throttled");
        assertThat(message.at("/Attributes/ApproximateReceiveCount").asText()).isEqualTo("1");

        aws.ok("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.get("ReceiptHandle").asText());
        JsonNode attributes = aws.ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All").get("Attributes");
        assertThat(attributes.get("ApproximateNumberOfMessages").asText()).isEqualTo("0");
        assertThat(attributes.get("QueueArn").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:offers");

        aws.ok("sqs", "delete-queue", "--queue-url", url);
        assertThat(aws.ok("sqs", "list-queues").toString()).doesNotContain("offers");
    }

    @Test
    void a_dead_letter_sent_in_process_is_read_by_the_cli_with_its_attributes() {
        Sqs.Queue dlq = ats.runtime.sqs().createQueue("rule-dlq", Map.of("MessageRetentionPeriod", "1209600"));
        assertThat(dlq.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:rule-dlq");
        ats.runtime.sqs().sendMessage(dlq.arn(), "{\"detail\":{}}", Map.of("RULE_ARN", "arn:aws:events:us-east-1:000000000000:rule/r",
                "RETRY_ATTEMPTS", "185"));

        JsonNode message = aws.ok("sqs", "receive-message", "--queue-url", dlq.url(), "--message-attribute-names", "All")
                .get("Messages").get(0);
        assertThat(message.at("/MessageAttributes/RULE_ARN/StringValue").asText()).endsWith(":rule/r");
        assertThat(message.at("/MessageAttributes/RETRY_ATTEMPTS/StringValue").asText()).isEqualTo("185");
    }

    @Test
    void an_unknown_queue_is_the_services_non_existent_queue_error() {
        assertThat(aws.fails("sqs", "get-queue-url", "--queue-name", "nowhere")).contains("NonExistentQueue");
        assertThatThrownBy(() -> ats.runtime.sqs().sendMessage("arn:aws:sqs:us-east-1:000000000000:nowhere", "x", Map.of()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("QueueDoesNotExist"));
        assertThatThrownBy(() -> ats.runtime.sqs().sendMessage("arn:aws:sns:us-east-1:000000000000:topic", "x", Map.of()))
                .hasMessageContaining("arn:aws:sns:us-east-1:000000000000:topic").hasMessageContaining("expected arn:aws:sqs");
    }
}
