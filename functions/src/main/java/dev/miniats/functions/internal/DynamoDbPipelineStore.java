package dev.miniats.functions.internal;

import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@link PipelineStore} on a DynamoDB table with partition key {@code candidateId} (S) and sort
 * key {@code eventId} (S). Keying by event id makes a redelivery hit the same item; the put is
 * conditional, so the first recording stays. A history is one query, ordered here by time.
 * Thread-safe (the SDK client is).
 */
public final class DynamoDbPipelineStore implements PipelineStore {
    static final String CANDIDATE_ID = "candidateId";
    static final String EVENT_ID = "eventId";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbPipelineStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(StageChange change) {
        try {
            dynamo.putItem(put -> put.tableName(table)
                    .item(Map.of(CANDIDATE_ID, AttributeValue.fromS(change.candidateId()),
                            EVENT_ID, AttributeValue.fromS(change.eventId()),
                            "stage", AttributeValue.fromS(change.stage().label()),
                            "at", DynamoDbIdempotencyStore.number(change.at().toEpochMilli()),
                            "companyName", AttributeValue.fromS(change.companyName()),
                            "candidateName", AttributeValue.fromS(change.candidateName())))
                    .conditionExpression("attribute_not_exists(#event)")
                    .expressionAttributeNames(Map.of("#event", EVENT_ID)));
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // A redelivered event: the port promises that recording it again changes nothing.
            return;
        }
    }

    @Override
    public List<StageChange> history(String candidateId) {
        List<StageChange> history = new ArrayList<>();
        dynamo.queryPaginator(query -> query.tableName(table).consistentRead(true)
                        .keyConditionExpression("#candidate = :candidate")
                        .expressionAttributeNames(Map.of("#candidate", CANDIDATE_ID))
                        .expressionAttributeValues(Map.of(":candidate", AttributeValue.fromS(candidateId))))
                .items().forEach(item -> history.add(new StageChange(item.get(CANDIDATE_ID).s(), item.get(EVENT_ID).s(),
                        Stage.fromLabel(item.get("stage").s()).orElseThrow(() -> new IllegalStateException(
                                "Unknown stage '" + item.get("stage").s() + "' in table " + table)),
                        Instant.ofEpochMilli(Long.parseLong(item.get("at").n())),
                        item.get("companyName").s(), item.get("candidateName").s())));
        history.sort(Comparator.comparing(StageChange::at).thenComparing(StageChange::eventId));
        return history;
    }
}
