package dev.miniats.functions.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.link.CandidateLinks;
import dev.miniats.functions.pages.AnswerStore;
import dev.miniats.functions.pages.AskedEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The candidate pages' state on one DynamoDB table, partition key {@code id} (S), TTL attribute
 * {@code expiration}: answers (candidate, topic and asking event joined by LF), claimed with a conditional
 * put so two clicks at once record one answer, and asking events ({@code asked} LF event id), kept a
 * day longer than a link is valid. Thread-safe (the SDK client is).
 */
public final class DynamoDbCandidatePages implements AnswerStore, AskedEvents {
    /** Answers outlive their links by far: a click a year later still says what was recorded. */
    static final Duration ANSWER_TTL = Duration.ofDays(400);
    static final Duration ASKED_TTL = CandidateLinks.DEFAULT_VALIDITY.plusDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "id";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbCandidatePages(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Answer> claim(String candidateId, String topic, String askedBy, String detailType) {
        Map<String, AttributeValue> item = new HashMap<>(answerKey(candidateId, topic, askedBy));
        item.put("detailType", AttributeValue.fromS(detailType));
        item.put("answeredAt", DynamoDbIdempotencyStore.number(clock.millis()));
        item.put(DynamoDbIdempotencyStore.EXPIRATION, DynamoDbIdempotencyStore.number(clock.instant().plus(ANSWER_TTL).getEpochSecond()));
        try {
            dynamo.putItem(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ID)));
            return Optional.empty();
        } catch (ConditionalCheckFailedException answeredBefore) {
            Map<String, AttributeValue> found = dynamo.getItem(get -> get.tableName(table).consistentRead(true)
                    .key(answerKey(candidateId, topic, askedBy))).item();
            AttributeValue eventId = found.get("answerEventId");
            return Optional.of(new Answer(found.get("detailType").s(), eventId == null ? null : eventId.s()));
        }
    }

    @Override
    public void published(String candidateId, String topic, String askedBy, String eventId) {
        dynamo.updateItem(update -> update.tableName(table).key(answerKey(candidateId, topic, askedBy))
                .updateExpression("SET answerEventId = :event").expressionAttributeValues(Map.of(":event", AttributeValue.fromS(eventId))));
    }

    @Override
    public void release(String candidateId, String topic, String askedBy) {
        dynamo.deleteItem(delete -> delete.tableName(table).key(answerKey(candidateId, topic, askedBy)));
    }

    @Override
    public Optional<ObjectNode> detail(String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).consistentRead(true)
                .key(Map.of(ID, AttributeValue.fromS("asked\n" + eventId)))).item();
        if (item == null || item.isEmpty() || item.get("detail") == null) {
            return Optional.empty();
        }
        try {
            return JSON.readTree(item.get("detail").s()) instanceof ObjectNode detail ? Optional.of(detail) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public void remember(String eventId, ObjectNode detail) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(Map.of(ID, AttributeValue.fromS("asked\n" + eventId),
                            "detail", AttributeValue.fromS(detail.toString()),
                            DynamoDbIdempotencyStore.EXPIRATION, DynamoDbIdempotencyStore.number(clock.instant().plus(ASKED_TTL).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID)));
        } catch (ConditionalCheckFailedException redelivered) {
            // EventBridge delivers at least once: the first copy stays, as the port promises.
            return;
        }
    }

    /** Parts never hold a line feed (link ids are letters, digits and . _ @ + : -; apply paths have no control characters), so the key is unambiguous. */
    private static Map<String, AttributeValue> answerKey(String candidateId, String topic, String askedBy) {
        return Map.of(ID, AttributeValue.fromS("answer\n" + candidateId + "\n" + topic + "\n" + askedBy));
    }
}
