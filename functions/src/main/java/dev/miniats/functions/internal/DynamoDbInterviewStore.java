package dev.miniats.functions.internal;

import dev.miniats.core.calendar.InterviewStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;

/**
 * {@link InterviewStore} as counters in the idempotency table (partition key {@code id}), under
 * ids {@code interview-sequence#<candidateId>#<interviewId>} that no idempotency key uses, and
 * one item per revision, {@code interview-revision#<revisionKey>}, holding the sequence that
 * revision was given. A revision asked again reads its item (consistent read); a new one takes
 * the next number with one atomic {@code UpdateItem ADD} and records it with a conditional
 * {@code PutItem}: when two runs of one revision race, the first record wins and both answer it
 * (the loser's number is a gap, which calendars accept). A crash between the two writes also
 * leaves only a gap. The items carry no {@code expiration}, so TTL keeps them. Sharing the table
 * keeps the deployment at three tables. Thread-safe (the SDK client is).
 */
public final class DynamoDbInterviewStore implements InterviewStore {
    static final String PREFIX = "interview-sequence#";
    static final String REVISION_PREFIX = "interview-revision#";
    private static final String SEQUENCE = "sequence";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbInterviewStore(DynamoDbClient dynamo, String idempotencyTable) {
        this.dynamo = dynamo;
        this.table = idempotencyTable;
    }

    @Override
    public int sequenceFor(String candidateId, String interviewId, String revisionKey) {
        Map<String, AttributeValue> revision = Map.of(DynamoDbIdempotencyStore.ID, AttributeValue.fromS(REVISION_PREFIX + revisionKey));
        Integer given = recorded(revision);
        if (given != null) {
            return given;
        }
        Map<String, AttributeValue> updated = dynamo.updateItem(update -> update.tableName(table)
                .key(Map.of(DynamoDbIdempotencyStore.ID, AttributeValue.fromS(PREFIX + candidateId + "#" + interviewId)))
                .updateExpression("ADD #sequence :one")
                .expressionAttributeNames(Map.of("#sequence", SEQUENCE))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        String next = updated.get(SEQUENCE).n();
        try {
            dynamo.putItem(put -> put.tableName(table)
                    .item(Map.of(DynamoDbIdempotencyStore.ID, revision.get(DynamoDbIdempotencyStore.ID), SEQUENCE, AttributeValue.fromN(next)))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", DynamoDbIdempotencyStore.ID)));
            return Integer.parseInt(next);
        } catch (ConditionalCheckFailedException raced) {
            return recorded(revision);
        }
    }

    private Integer recorded(Map<String, AttributeValue> revision) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).key(revision).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : Integer.valueOf(item.get(SEQUENCE).n());
    }
}
