package dev.miniats.functions.replies;

import dev.miniats.core.calendar.InvitedInterviews;
import dev.miniats.core.idempotency.IdempotencyConfig;
import dev.miniats.core.idempotency.IdempotencyStore;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.internal.AwsClients;
import dev.miniats.functions.internal.DynamoDbIdempotencyStore;
import dev.miniats.functions.internal.DynamoDbInvitedInterviews;
import dev.miniats.functions.internal.EventBridgeAnswerPublisher;
import dev.miniats.functions.internal.S3InboundMail;
import dev.miniats.functions.pages.AnswerPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the calendar-reply function needs from outside: where received mail is, the interviews'
 * latest invites, its idempotency records and the bus answers go to. On Lambda from environment
 * variables ({@link #fromSystem()}); tests pass in-memory ones. The only place that knows the
 * AWS adapters.
 *
 * <p>Environment variables: {@value #INBOUND_BUCKET} (required: the bucket the receipt rule's
 * S3 action writes to), {@value #INBOUND_PREFIX} (default {@value #DEFAULT_PREFIX}: its object key
 * prefix), {@value #IDEMPOTENCY_TABLE} (required: the interview functions' table, which holds the
 * invites), {@value #BUS_NAME} (default {@code mini-ats}); {@code MINI_ATS_S3_ENDPOINT},
 * {@code MINI_ATS_EVENTS_ENDPOINT}, {@code MINI_ATS_DYNAMODB_ENDPOINT} (optional; else the SDK's
 * defaults, which honour {@code AWS_ENDPOINT_URL*}), {@code AWS_REGION}.
 */
public record ReplyEnvironment(Clock clock, InboundMail mail, InvitedInterviews invited, IdempotencyStore idempotency,
                               IdempotencyConfig idempotencyConfig, AnswerPublisher publisher) {
    public static final String INBOUND_BUCKET = "MINI_ATS_INBOUND_BUCKET";
    public static final String INBOUND_PREFIX = "MINI_ATS_INBOUND_PREFIX";
    public static final String DEFAULT_PREFIX = "calendar-replies/";
    public static final String IDEMPOTENCY_TABLE = "MINI_ATS_IDEMPOTENCY_TABLE";
    public static final String BUS_NAME = "MINI_ATS_BUS_NAME";

    public ReplyEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(invited, "invited");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(idempotencyConfig, "idempotencyConfig");
        Objects.requireNonNull(publisher, "publisher");
    }

    public static ReplyEnvironment fromSystem() {
        return fromVariables(System.getenv());
    }

    static ReplyEnvironment fromVariables(Map<String, String> env) {
        String bucket = AwsClients.required(env, INBOUND_BUCKET, "the S3 bucket the receipt rule stores received mail in");
        String table = AwsClients.required(env, IDEMPOTENCY_TABLE, "the DynamoDB table of the interview functions (partition key id)");
        String prefix = AwsClients.optional(env, INBOUND_PREFIX, DEFAULT_PREFIX);
        S3ClientBuilder s3 = AwsClients.configured(S3Client.builder(), env, "MINI_ATS_S3_ENDPOINT");
        // Virtual-hosted bucket names need DNS; an emulator at an endpoint URL (the local runtime) is addressed by path.
        s3.forcePathStyle(AwsClients.present(env.get("MINI_ATS_S3_ENDPOINT")) || AwsClients.present(env.get("AWS_ENDPOINT_URL"))
                || AwsClients.present(env.get("AWS_ENDPOINT_URL_S3")));
        EventBridgeClient events = AwsClients.configured(EventBridgeClient.builder(), env, "MINI_ATS_EVENTS_ENDPOINT").build();
        DynamoDbClient dynamo = AwsClients.configured(DynamoDbClient.builder(), env, "MINI_ATS_DYNAMODB_ENDPOINT").build();
        Clock clock = Clock.systemUTC();
        String bus = AwsClients.optional(env, BUS_NAME, RoutingDeclaration.DEFAULT_BUS);
        return new ReplyEnvironment(clock, new S3InboundMail(s3.build(), bucket, prefix), new DynamoDbInvitedInterviews(dynamo, table, clock),
                new DynamoDbIdempotencyStore(dynamo, table), IdempotencyConfig.DEFAULT, new EventBridgeAnswerPublisher(events, bus));
    }
}
