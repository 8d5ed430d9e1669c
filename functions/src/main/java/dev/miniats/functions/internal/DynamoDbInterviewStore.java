package dev.miniats.functions.internal;

import dev.miniats.core.calendar.InterviewStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;

/**
 * {@link InterviewStore} as counters in the idempotency table (partition key {@code id}), under
 * ids {@code interview-sequence#<candidateId>#<interviewId>} that no idempotency key uses. The
 * items carry no {@code expiration}, so TTL keeps them. One atomic {@code UpdateItem ADD} per
 * revision. Sharing the table keeps the deployment at three tables. Thread-safe.
 */
public final class DynamoDbInterviewStore implements InterviewStore {
    static final String PREFIX = "interview-sequence#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbInterviewStore(DynamoDbClient dynamo, String idempotencyTable) {
        this.dynamo = dynamo;
        this.table = idempotencyTable;
    }

    @Override
    public int nextSequence(String candidateId, String interviewId) {
        Map<String, AttributeValue> updated = dynamo.updateItem(update -> update.tableName(table)
                .key(Map.of(DynamoDbIdempotencyStore.ID, AttributeValue.fromS(PREFIX + candidateId + "#" + interviewId)))
                .updateExpression("ADD #sequence :one")
                .expressionAttributeNames(Map.of("#sequence", "sequence"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Integer.parseInt(updated.get("sequence").n());
    }
}
