package dev.miniats.functions.internal;

import dev.miniats.core.roster.RosterEntry;
import dev.miniats.core.roster.RosterStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RosterStore} on a DynamoDB table with partition key {@code rosterId} (S, the company
 * name lower-cased, {@code #}, the testing day) and sort key {@code candidateId} (S): one item
 * per candidate per company and day, replaced on every recording; a roster is one query, in
 * sort-key order. Thread-safe (the SDK client is).
 */
public final class DynamoDbRosterStore implements RosterStore {
    static final String ROSTER_ID = "rosterId";
    static final String CANDIDATE_ID = "candidateId";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRosterStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static String rosterId(String companyName, LocalDate testingDay) {
        return companyName.toLowerCase(Locale.ROOT) + "#" + testingDay;
    }

    @Override
    public void record(RosterEntry entry) {
        dynamo.putItem(put -> put.tableName(table).item(Map.of(
                ROSTER_ID, AttributeValue.fromS(rosterId(entry.companyName(), entry.testingDay())),
                CANDIDATE_ID, AttributeValue.fromS(entry.candidateId()),
                "companyName", AttributeValue.fromS(entry.companyName()),
                "testingDay", AttributeValue.fromS(entry.testingDay().toString()),
                "candidateName", AttributeValue.fromS(entry.candidateName()),
                "eventId", AttributeValue.fromS(entry.eventId()),
                "recordedAt", DynamoDbIdempotencyStore.number(entry.recordedAt().toEpochMilli()))));
    }

    @Override
    public List<RosterEntry> roster(String companyName, LocalDate testingDay) {
        List<RosterEntry> roster = new ArrayList<>();
        dynamo.queryPaginator(query -> query.tableName(table).consistentRead(true)
                        .keyConditionExpression("#roster = :roster")
                        .expressionAttributeNames(Map.of("#roster", ROSTER_ID))
                        .expressionAttributeValues(Map.of(":roster", AttributeValue.fromS(rosterId(companyName, testingDay)))))
                .items().forEach(item -> roster.add(new RosterEntry(item.get("companyName").s(),
                        LocalDate.parse(item.get("testingDay").s()), item.get(CANDIDATE_ID).s(), item.get("candidateName").s(),
                        item.get("eventId").s(), Instant.ofEpochMilli(Long.parseLong(item.get("recordedAt").n())))));
        return roster;
    }
}
