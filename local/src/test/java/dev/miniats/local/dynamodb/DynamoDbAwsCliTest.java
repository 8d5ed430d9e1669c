package dev.miniats.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * DynamoDB through dynalite (a node child process the runtime starts on the first request),
 * driven by the real AWS CLI v2; the tables outlive a restart and the process does not outlive
 * the runtime.
 */
class DynamoDbAwsCliTest {
    @TempDir
    Path scratch;

    @Test
    void tables_and_items_work_from_the_cli_survive_a_restart_and_the_process_stops_with_the_runtime() throws Exception {
        TestRuntime ats = TestRuntime.start();
        try {
            assertThat(ats.runtime.dynamoDb().process()).as("not started before the first request").isNull();
            AwsCli aws = AwsCli.local(ats.runtime.endpoint(), scratch);
            aws.ok("dynamodb", "create-table", "--table-name", "idempotency",
                    "--attribute-definitions", "AttributeName=id,AttributeType=S",
                    "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
            assertThat(aws.ok("dynamodb", "list-tables").get("TableNames").toString()).contains("idempotency");
            aws.ok("dynamodb", "put-item", "--table-name", "idempotency", "--item", "{\"id\":{\"S\":\"evt-1\"},\"n\":{\"N\":\"3\"}}");
            assertThat(aws.ok("dynamodb", "get-item", "--table-name", "idempotency", "--key", "{\"id\":{\"S\":\"evt-1\"}}")
                    .at("/Item/n/N").asText()).isEqualTo("3");
            assertThat(aws.ok("dynamodb", "scan", "--table-name", "idempotency").get("Count").asInt()).isEqualTo(1);
            assertThat(aws.fails("dynamodb", "describe-table", "--table-name", "missing")).contains("ResourceNotFoundException");

            ProcessHandle dynalite = ats.runtime.dynamoDb().process();
            assertThat(dynalite.isAlive()).isTrue();
            ats.close();
            await().atMost(15, TimeUnit.SECONDS).until(() -> !dynalite.isAlive());

            ats = ats.restart();
            aws = AwsCli.local(ats.runtime.endpoint(), scratch);
            assertThat(aws.ok("dynamodb", "scan", "--table-name", "idempotency").get("Count").asInt()).isEqualTo(1);
            aws.ok("dynamodb", "delete-table", "--table-name", "idempotency");
            assertThat(aws.ok("dynamodb", "list-tables").get("TableNames").toString()).doesNotContain("idempotency");
        } finally {
            ats.close();
        }
    }

    @Test
    void the_in_process_face_creates_what_the_cli_lists_and_names_dynamodbs_errors() {
        try (TestRuntime ats = TestRuntime.start()) {
            ObjectNode request = (ObjectNode) Json.MAPPER.createObjectNode().put("TableName", "pipeline").put("BillingMode", "PAY_PER_REQUEST");
            request.putArray("AttributeDefinitions").addObject().put("AttributeName", "candidateId").put("AttributeType", "S");
            request.putArray("KeySchema").addObject().put("AttributeName", "candidateId").put("KeyType", "HASH");
            DynamoDb.Table table = ats.runtime.dynamoDb().createTable(request);
            assertThat(table.arn()).endsWith(":table/pipeline");

            JsonNode listed = AwsCli.local(ats.runtime.endpoint(), scratch).ok("dynamodb", "list-tables");
            assertThat(listed.get("TableNames").toString()).contains("pipeline");
            assertThatThrownBy(() -> ats.runtime.dynamoDb().createTable(request))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ResourceInUseException"));
            ats.runtime.dynamoDb().deleteTable("pipeline");
            assertThatThrownBy(() -> ats.runtime.dynamoDb().describeTable("pipeline"))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ResourceNotFoundException"));
        }
    }
}
