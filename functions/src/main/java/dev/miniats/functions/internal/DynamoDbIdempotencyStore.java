package dev.miniats.functions.internal;

import dev.miniats.core.idempotency.IdempotencyRecord;
import dev.miniats.core.idempotency.IdempotencyStatus;
import dev.miniats.core.idempotency.IdempotencyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyStore} on a DynamoDB table with partition key {@code id} (S) and TTL on
 * {@code expiration} (N, epoch seconds). A claim is one conditional {@code PutItem}: it succeeds
 * only when no item exists or the existing one is no longer live (expired, or in progress with a
 * lapsed lock); TTL deletes lazily, so the condition cannot rely on it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
 * Thread-safe (the SDK client is).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    static final String ID = "id";
    static final String EXPIRATION = "expiration";
    private static final String STATUS = "status";
    private static final String HASH = "payloadHash";
    private static final String RESULT = "result";
    private static final String LOCKED_UNTIL = "lockedUntil";
    private static final int MAX_CLAIM_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<IdempotencyRecord> putIfAbsent(IdempotencyRecord claim, Instant now) {
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            try {
                dynamo.putItem(put -> put.tableName(table).item(item(claim))
                        .conditionExpression("attribute_not_exists(#id) OR #exp <= :now OR (#status = :inProgress AND #locked <= :now)")
                        .expressionAttributeNames(Map.of("#id", ID, "#exp", EXPIRATION, "#status", STATUS, "#locked", LOCKED_UNTIL))
                        .expressionAttributeValues(Map.of(":now", number(now.getEpochSecond()),
                                ":inProgress", AttributeValue.fromS(IdempotencyStatus.IN_PROGRESS.name()))));
                return Optional.empty();
            } catch (ConditionalCheckFailedException held) {
                Optional<IdempotencyRecord> current = find(claim.key());
                if (current.isPresent() && current.get().isLive(now)) {
                    return current;
                }
                // Released or lapsed between the put and the read: claim again.
            }
        }
        throw new IllegalStateException("Idempotency key '" + claim.key() + "' changed hands " + MAX_CLAIM_ATTEMPTS
                + " times while being claimed; expected it to settle");
    }

    @Override
    public void complete(String key, String result) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(key))
                    .updateExpression("SET #status = :completed, #result = :result")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#result", RESULT, "#id", ID))
                    .expressionAttributeValues(Map.of(":completed", AttributeValue.fromS(IdempotencyStatus.COMPLETED.name()),
                            ":result", AttributeValue.fromS(result))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("Idempotency record '" + key + "' vanished before it could be completed", e);
        }
    }

    @Override
    public void release(String key) {
        dynamo.deleteItem(delete -> delete.tableName(table).key(key(key)));
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).key(key(key)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue result = item.get(RESULT);
        return Optional.of(new IdempotencyRecord(item.get(ID).s(), IdempotencyStatus.valueOf(item.get(STATUS).s()),
                item.get(HASH).s(), result == null ? null : result.s(),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRATION).n())),
                Instant.ofEpochSecond(Long.parseLong(item.get(LOCKED_UNTIL).n()))));
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(ID, AttributeValue.fromS(key));
    }

    private static Map<String, AttributeValue> item(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, AttributeValue.fromS(record.key()));
        item.put(STATUS, AttributeValue.fromS(record.status().name()));
        item.put(HASH, AttributeValue.fromS(record.payloadHash()));
        if (record.result() != null) {
            item.put(RESULT, AttributeValue.fromS(record.result()));
        }
        item.put(EXPIRATION, number(record.expirationEpochSecond()));
        item.put(LOCKED_UNTIL, number(record.lockedUntil().getEpochSecond()));
        return item;
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
