package dev.miniats.functions.pages;

import dev.miniats.core.link.LinkSigner;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.functions.internal.AwsClients;
import dev.miniats.functions.internal.DynamoDbCandidatePages;
import dev.miniats.functions.internal.EventBridgeAnswerPublisher;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the candidate pages need from outside: the link signer, where answers and asking events
 * are kept, and the bus the answers go to. On Lambda from environment variables
 * ({@link #fromSystem()}); the local runtime passes its SQLite store and event log
 * ({@link #local}). The only place the two runtimes differ.
 *
 * <p>Environment variables: {@value #LINK_SECRET} (required, at least 32 bytes: the hiring
 * functions sign with the same one), {@value #PAGES_TABLE} (required: partition key {@code id} (S),
 * TTL attribute {@code expiration}), {@value #BUS_NAME} (default {@code mini-ats}),
 * {@code MINI_ATS_EVENTS_ENDPOINT} and {@code MINI_ATS_DYNAMODB_ENDPOINT} (optional), {@code AWS_REGION}.
 */
public record PagesEnvironment(Clock clock, LinkSigner signer, AnswerStore answers, AskedEvents asked, AnswerPublisher publisher) {
    public static final String LINK_SECRET = "MINI_ATS_LINK_SECRET";
    public static final String PAGES_TABLE = "MINI_ATS_PAGES_TABLE";
    public static final String BUS_NAME = "MINI_ATS_BUS_NAME";

    public PagesEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(publisher, "publisher");
    }

    public static PagesEnvironment fromSystem() {
        return fromVariables(System.getenv());
    }

    static PagesEnvironment fromVariables(Map<String, String> env) {
        String secret = AwsClients.required(env, LINK_SECRET, "the secret the hiring functions sign candidate links with (at least 32 bytes)");
        String table = AwsClients.required(env, PAGES_TABLE, "the name of the DynamoDB table of answers (partition key id)");
        EventBridgeClientBuilder events = AwsClients.configured(EventBridgeClient.builder(), env, "MINI_ATS_EVENTS_ENDPOINT");
        DynamoDbClientBuilder dynamo = AwsClients.configured(DynamoDbClient.builder(), env, "MINI_ATS_DYNAMODB_ENDPOINT");
        Clock clock = Clock.systemUTC();
        LinkSigner signer;
        try {
            signer = new LinkSigner(secret.getBytes(StandardCharsets.UTF_8), clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(LINK_SECRET + " is invalid: " + e.getMessage(), e);
        }
        DynamoDbCandidatePages store = new DynamoDbCandidatePages(dynamo.build(), table, clock);
        String bus = AwsClients.optional(env, BUS_NAME, RoutingDeclaration.DEFAULT_BUS);
        return new PagesEnvironment(clock, signer, store, store, new EventBridgeAnswerPublisher(events.build(), bus));
    }

    /**
     * The local runtime's pages: answers and asking events from its own stores, answers published
     * with the SDK's PutEvents to its own endpoint (dummy credentials; nothing leaves the machine),
     * sent over {@code http}, which the caller owns and closes.
     */
    public static PagesEnvironment local(URI endpoint, String busName, Clock clock, LinkSigner signer, AnswerStore answers,
                                         AskedEvents asked, SdkHttpClient http) {
        EventBridgeClient events = FunctionEnvironment.localClient(EventBridgeClient.builder(), endpoint, http).build();
        return new PagesEnvironment(clock, signer, answers, asked, new EventBridgeAnswerPublisher(events, busName));
    }
}
