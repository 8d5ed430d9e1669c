package dev.miniats.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The three DynamoDB tables behind the core's stores, on demand (a hiring pipeline is bursty and
 * small). Key attribute names are the contract with the functions' DynamoDB adapters:
 * <ul>
 *   <li>idempotency: {@code id} (S), expiring through TTL on {@code expiration} (epoch seconds);</li>
 *   <li>pipeline: {@code candidateId} (S) + {@code eventId} (S): one item per (candidate, event), so a
 *       redelivered event overwrites itself; the adapter orders a candidate's history by time;</li>
 *   <li>roster: {@code rosterId} (S, lower-cased company {@code #} ISO testing day) + {@code candidateId}
 *       (S): a candidate is on a company's day once.</li>
 * </ul>
 * Tables are destroyed with the stack: the pipeline can be replayed from the bus archive.
 */
final class HiringTables extends Construct {
    static final String IDEMPOTENCY_VARIABLE = "MINI_ATS_IDEMPOTENCY_TABLE";
    static final String PIPELINE_VARIABLE = "MINI_ATS_PIPELINE_TABLE";
    static final String ROSTER_VARIABLE = "MINI_ATS_ROSTER_TABLE";

    // Item-level only: no Scan, no table management, no batch or transaction actions nobody uses.
    static final List<String> ITEM_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    private final Table idempotency;
    private final Table pipeline;
    private final Table roster;

    HiringTables(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        idempotency = onDemand("Idempotency", settings.physicalName("idempotency"))
                .partitionKey(string("id"))
                .timeToLiveAttribute("expiration")
                .build();
        pipeline = onDemand("Pipeline", settings.physicalName("pipeline"))
                .partitionKey(string("candidateId"))
                .sortKey(string("eventId"))
                .build();
        roster = onDemand("Roster", settings.physicalName("roster"))
                .partitionKey(string("rosterId"))
                .sortKey(string("candidateId"))
                .build();
    }

    /** The environment variables through which the functions find the tables. */
    Map<String, String> environment() {
        return new TreeMap<>(Map.of(
                IDEMPOTENCY_VARIABLE, idempotency.getTableName(),
                PIPELINE_VARIABLE, pipeline.getTableName(),
                ROSTER_VARIABLE, roster.getTableName()));
    }

    /** One statement on the three table ARNs; Table.grant would add an index ARN placeholder per table. */
    void grantItemAccess(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(ITEM_ACTIONS)
                .resources(Stream.of(idempotency, pipeline, roster).map(Table::getTableArn).toList())
                .build());
    }

    Table idempotency() {
        return idempotency;
    }

    Table pipeline() {
        return pipeline;
    }

    Table roster() {
        return roster;
    }

    private Table.Builder onDemand(String id, String name) {
        return Table.Builder.create(this, id)
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY);
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
