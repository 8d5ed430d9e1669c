package dev.miniats.functions.internal;

import dev.miniats.core.calendar.CalendarReply;
import dev.miniats.core.calendar.InvitedInterview;
import dev.miniats.core.calendar.InvitedInterviews;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link InvitedInterviews} in the idempotency table (partition key {@code id}), beside the
 * interview sequences, under ids no idempotency key uses: {@code invited-interview#<uid>} holds
 * the latest invite, written with a conditional {@code PutItem} that only succeeds when no
 * invite with a higher SEQUENCE is there (so concurrent or late writes never go back), and
 * {@code calendar-answer#<uid>#<attendee>} the answer last published, claimed with a
 * conditional {@code PutItem} that fails when the same answer is already on record. Both carry
 * an {@code expiration} a little over a year ahead, so the table's TTL removes them long after
 * any reply can arrive. Thread-safe (the SDK client is).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html">Condition expressions</a>
 */
public final class DynamoDbInvitedInterviews implements InvitedInterviews {
    static final String INVITE_PREFIX = "invited-interview#";
    static final String ANSWER_PREFIX = "calendar-answer#";
    static final Duration KEPT = Duration.ofDays(400);
    private static final String SEQUENCE = "sequence";
    private static final String PART_STAT = "partStat";
    private static final Map<String, String> ANSWER_NAMES = Map.of("#id", DynamoDbIdempotencyStore.ID, "#sequence", SEQUENCE, "#partStat", PART_STAT);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbInvitedInterviews(DynamoDbClient dynamo, String idempotencyTable, Clock clock) {
        this.dynamo = dynamo;
        this.table = idempotencyTable;
        this.clock = clock;
    }

    @Override
    public boolean record(InvitedInterview latest, String organizer, String detailJson) {
        Map<String, AttributeValue> item = new HashMap<>(key(INVITE_PREFIX + latest.uid()));
        item.put("candidateId", AttributeValue.fromS(latest.candidateId()));
        item.put("interviewId", AttributeValue.fromS(latest.interviewId()));
        item.put("eventId", AttributeValue.fromS(latest.eventId()));
        item.put(SEQUENCE, DynamoDbIdempotencyStore.number(latest.sequence()));
        item.put("attendee", AttributeValue.fromS(latest.attendee()));
        item.put("cancelled", AttributeValue.fromBool(latest.cancelled()));
        item.put("organizer", AttributeValue.fromS(organizer));
        item.put("detail", AttributeValue.fromS(detailJson));
        item.put(DynamoDbIdempotencyStore.EXPIRATION, expiration());
        try {
            dynamo.putItem(put -> put.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#id) OR #sequence <= :sequence")
                    .expressionAttributeNames(Map.of("#id", DynamoDbIdempotencyStore.ID, "#sequence", SEQUENCE))
                    .expressionAttributeValues(Map.of(":sequence", item.get(SEQUENCE))));
            return true;
        } catch (ConditionalCheckFailedException later) {
            return false;
        }
    }

    @Override
    public Optional<Invitation> find(String uid) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).key(key(INVITE_PREFIX + uid)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        InvitedInterview interview = new InvitedInterview(uid, item.get("candidateId").s(), item.get("interviewId").s(),
                item.get("eventId").s(), Integer.parseInt(item.get(SEQUENCE).n()), item.get("attendee").s(), item.get("cancelled").bool());
        return Optional.of(new Invitation(interview, item.get("organizer").s(), item.get("detail").s()));
    }

    @Override
    public Claim claim(CalendarReply reply) {
        Answer answer = new Answer(reply.sequence(), reply.partStat());
        try {
            Map<String, AttributeValue> old = dynamo.putItem(put -> put.tableName(table).item(answerItem(reply, answer))
                    .conditionExpression("attribute_not_exists(#id) OR #sequence <> :sequence OR #partStat <> :partStat")
                    .expressionAttributeNames(ANSWER_NAMES)
                    .expressionAttributeValues(answerValues(answer))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return new Claim(true, old == null || old.isEmpty() ? Optional.empty() : Optional.of(answer(old)));
        } catch (ConditionalCheckFailedException same) {
            return new Claim(false, Optional.of(answer)); // the condition fails only when this answer is the one on record
        }
    }

    @Override
    public void release(CalendarReply reply, Optional<Answer> before) {
        Answer claimed = new Answer(reply.sequence(), reply.partStat());
        String stillOurs = "#sequence = :sequence AND #partStat = :partStat";
        Map<String, String> names = Map.of("#sequence", SEQUENCE, "#partStat", PART_STAT);
        try {
            if (before.isEmpty()) {
                dynamo.deleteItem(delete -> delete.tableName(table).key(answerKey(reply)).conditionExpression(stillOurs)
                        .expressionAttributeNames(names).expressionAttributeValues(answerValues(claimed)));
            } else {
                dynamo.putItem(put -> put.tableName(table).item(answerItem(reply, before.get())).conditionExpression(stillOurs)
                        .expressionAttributeNames(names).expressionAttributeValues(answerValues(claimed)));
            }
        } catch (ConditionalCheckFailedException claimedSince) {
            // another reply was claimed after ours; it stays
        }
    }

    private Map<String, AttributeValue> answerItem(CalendarReply reply, Answer answer) {
        Map<String, AttributeValue> item = new HashMap<>(answerKey(reply));
        item.put(SEQUENCE, DynamoDbIdempotencyStore.number(answer.sequence()));
        item.put(PART_STAT, AttributeValue.fromS(answer.partStat().name()));
        item.put(DynamoDbIdempotencyStore.EXPIRATION, expiration());
        return item;
    }

    private static Map<String, AttributeValue> answerValues(Answer answer) {
        return Map.of(":sequence", DynamoDbIdempotencyStore.number(answer.sequence()), ":partStat", AttributeValue.fromS(answer.partStat().name()));
    }

    private static Answer answer(Map<String, AttributeValue> item) {
        return new Answer(Integer.parseInt(item.get(SEQUENCE).n()), CalendarReply.PartStatus.valueOf(item.get(PART_STAT).s()));
    }

    private static Map<String, AttributeValue> answerKey(CalendarReply reply) {
        return key(ANSWER_PREFIX + reply.uid() + "#" + reply.attendee());
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(DynamoDbIdempotencyStore.ID, AttributeValue.fromS(id));
    }

    private AttributeValue expiration() {
        return DynamoDbIdempotencyStore.number(clock.instant().plus(KEPT).getEpochSecond());
    }
}
