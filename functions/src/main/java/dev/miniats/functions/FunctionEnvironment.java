package dev.miniats.functions;

import dev.miniats.core.idempotency.IdempotencyConfig;
import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.core.link.CandidateLinks;
import dev.miniats.core.link.LinkSigner;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.internal.DynamoDbIdempotencyStore;
import dev.miniats.functions.internal.DynamoDbInterviewStore;
import dev.miniats.functions.internal.DynamoDbInvitedInterviews;
import dev.miniats.functions.internal.DynamoDbPipelineStore;
import dev.miniats.functions.internal.DynamoDbRosterStore;
import dev.miniats.functions.internal.InvocationTraceHeader;
import dev.miniats.functions.internal.SchedulerReminders;
import dev.miniats.functions.internal.SesV2Mailer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.SchedulerClientBuilder;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a hiring function needs from outside: a clock, a mailer, the email templates, its
 * stores, the idempotency settings and the partner companies. On Lambda it comes from
 * environment variables; the local runtime builds one pointing at itself and passes its own
 * (SQLite) stores. This is the only place where the two runtimes differ.
 *
 * <p>Environment variables read by {@link #fromSystem()}:
 * <ul>
 *   <li>{@code MINI_ATS_IDEMPOTENCY_TABLE} (required): partition key {@code id} (S), TTL
 *       attribute {@code expiration}; also holds the interviews' invite sequences, their latest
 *       invites and the calendar answers published;</li>
 *   <li>{@code MINI_ATS_PIPELINE_TABLE} (required): partition key {@code candidateId} (S), sort
 *       key {@code eventId} (S);</li>
 *   <li>{@code MINI_ATS_ROSTER_TABLE} (required): partition key {@code rosterId} (S), sort key
 *       {@code candidateId} (S);</li>
 *   <li>{@code MINI_ATS_PARTNERS} (optional): comma-separated partner company names, default
 *       {@link RoutingDeclaration#DEFAULT_PARTNERS}; must match the routing's partners;</li>
 *   <li>{@code MINI_ATS_IDEMPOTENCY_EXPIRY_SECONDS} (optional): how long an email is remembered,
 *       default 86400;</li>
 *   <li>{@code MINI_ATS_SES_ENDPOINT}, {@code MINI_ATS_DYNAMODB_ENDPOINT} (optional; else the SDK's
 *       defaults, which also honour {@code AWS_ENDPOINT_URL_*}), {@code AWS_REGION},
 *       {@code MINI_ATS_TEMPLATE_DIR} (optional template overrides).</li>
 * </ul>
 *
 * @param partners partner company names; their events are recorded as the partner roster stage
 */
public record FunctionEnvironment(Clock clock, Mailer mailer, HiringEmails emails, FunctionStores stores,
                                  IdempotencyConfig idempotency, List<String> partners, InterviewReminders reminders) {
    public static final String IDEMPOTENCY_TABLE = "MINI_ATS_IDEMPOTENCY_TABLE";
    public static final String PIPELINE_TABLE = "MINI_ATS_PIPELINE_TABLE";
    public static final String ROSTER_TABLE = "MINI_ATS_ROSTER_TABLE";
    public static final String PARTNERS = "MINI_ATS_PARTNERS";
    /** The secret that signs candidate links; the candidate pages verify with the same one. */
    public static final String LINK_SECRET = "MINI_ATS_LINK_SECRET";
    /** Where the candidate pages are served: the base of every answer link (the assessment's default link too). */
    public static final String CANDIDATE_URL = "MINI_ATS_ASSESSMENT_URL";
    public static final String IDEMPOTENCY_EXPIRY_SECONDS = "MINI_ATS_IDEMPOTENCY_EXPIRY_SECONDS";
    /** The ARN of {@code send-interview-reminder}, which the reminder schedules run. */
    public static final String REMINDER_FUNCTION_ARN = "MINI_ATS_REMINDER_FUNCTION_ARN";
    /** The role EventBridge Scheduler assumes to invoke it (passed with iam:PassRole). */
    public static final String SCHEDULER_ROLE_ARN = "MINI_ATS_SCHEDULER_ROLE_ARN";
    /** The schedule group of the reminders. */
    public static final String SCHEDULE_GROUP = "MINI_ATS_SCHEDULE_GROUP";
    public static final String DEFAULT_SCHEDULE_GROUP = "mini-ats";

    public FunctionEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(emails, "emails");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(reminders, "reminders");
        partners = List.copyOf(partners);
    }

    /** An environment without interview reminders. */
    public FunctionEnvironment(Clock clock, Mailer mailer, HiringEmails emails, FunctionStores stores,
                               IdempotencyConfig idempotency, List<String> partners) {
        this(clock, mailer, emails, stores, idempotency, partners, InterviewReminders.NONE);
    }

    /** An environment with in-memory stores (lost on restart), default idempotency and partners. */
    public FunctionEnvironment(Clock clock, Mailer mailer, HiringEmails emails) {
        this(clock, mailer, emails, FunctionStores.inMemory(), IdempotencyConfig.DEFAULT, RoutingDeclaration.DEFAULT_PARTNERS);
    }

    public FunctionEnvironment withStores(FunctionStores newStores) {
        return new FunctionEnvironment(clock, mailer, emails, newStores, idempotency, partners, reminders);
    }

    public FunctionEnvironment withIdempotency(IdempotencyConfig config) {
        return new FunctionEnvironment(clock, mailer, emails, stores, config, partners, reminders);
    }

    /** The same environment rendering mail with {@code newEmails}, e.g. ones that carry signed candidate links. */
    public FunctionEnvironment withEmails(HiringEmails newEmails) {
        return new FunctionEnvironment(clock, mailer, newEmails, stores, idempotency, partners, reminders);
    }

    public FunctionEnvironment withPartners(List<String> partnerNames) {
        return new FunctionEnvironment(clock, mailer, emails, stores, idempotency, partnerNames, reminders);
    }

    /** The same environment keeping interview reminders in {@code newReminders}. */
    public FunctionEnvironment withReminders(InterviewReminders newReminders) {
        return new FunctionEnvironment(clock, mailer, emails, stores, idempotency, partners, newReminders);
    }

    /** Whether {@code companyName} is a partner, ignoring case like the routing's filter. */
    public boolean isPartner(String companyName) {
        return partners.stream().anyMatch(partner -> partner.equalsIgnoreCase(companyName));
    }

    public static FunctionEnvironment fromSystem() {
        return fromVariables(System.getenv());
    }

    static FunctionEnvironment fromVariables(Map<String, String> env) {
        SesV2ClientBuilder ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create());
        DynamoDbClientBuilder dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        String region = env.get("AWS_REGION");
        if (present(region)) {
            ses.region(Region.of(region));
            dynamo.region(Region.of(region));
        }
        if (present(env.get("MINI_ATS_SES_ENDPOINT"))) {
            ses.endpointOverride(URI.create(env.get("MINI_ATS_SES_ENDPOINT")));
        }
        if (present(env.get("MINI_ATS_DYNAMODB_ENDPOINT"))) {
            dynamo.endpointOverride(URI.create(env.get("MINI_ATS_DYNAMODB_ENDPOINT")));
        }
        String templates = env.get("MINI_ATS_TEMPLATE_DIR");
        EmailTemplates emailTemplates = present(templates) ? EmailTemplates.withOverrides(Path.of(templates)) : EmailTemplates.builtIn();
        return new FunctionEnvironment(Clock.systemUTC(), new SesV2Mailer(ses.build()),
                new HiringEmails(emailTemplates, candidateLinks(env, Clock.systemUTC())),
                dynamoDbStores(dynamo.build(), env), idempotencyConfig(env), partners(env), reminders(env, region));
    }

    private static FunctionStores dynamoDbStores(DynamoDbClient dynamo, Map<String, String> env) {
        String idempotencyTable = required(env, IDEMPOTENCY_TABLE);
        return new FunctionStores(new DynamoDbIdempotencyStore(dynamo, idempotencyTable),
                new DynamoDbInterviewStore(dynamo, idempotencyTable),
                new DynamoDbPipelineStore(dynamo, required(env, PIPELINE_TABLE)),
                new DynamoDbRosterStore(dynamo, required(env, ROSTER_TABLE)),
                new DynamoDbInvitedInterviews(dynamo, idempotencyTable, Clock.systemUTC()));
    }

    /**
     * Interview reminders through EventBridge Scheduler when {@value #REMINDER_FUNCTION_ARN} and
     * {@value #SCHEDULER_ROLE_ARN} are set (the stack sets both on the interview functions), in
     * {@value #SCHEDULE_GROUP} (default {@value #DEFAULT_SCHEDULE_GROUP}); otherwise none.
     */
    static InterviewReminders reminders(Map<String, String> env, String region) {
        String function = env.get(REMINDER_FUNCTION_ARN);
        String role = env.get(SCHEDULER_ROLE_ARN);
        if (!present(function) || !present(role)) {
            return InterviewReminders.NONE;
        }
        SchedulerClientBuilder scheduler = SchedulerClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (present(region)) {
            scheduler.region(Region.of(region));
        }
        if (present(env.get("MINI_ATS_SCHEDULER_ENDPOINT"))) {
            scheduler.endpointOverride(URI.create(env.get("MINI_ATS_SCHEDULER_ENDPOINT")));
        }
        String group = present(env.get(SCHEDULE_GROUP)) ? env.get(SCHEDULE_GROUP).strip() : DEFAULT_SCHEDULE_GROUP;
        return new SchedulerReminders(scheduler.build(), group, function.strip(), role.strip(), Clock.systemUTC());
    }

    static IdempotencyConfig idempotencyConfig(Map<String, String> env) {
        String seconds = env.get(IDEMPOTENCY_EXPIRY_SECONDS);
        if (!present(seconds)) {
            return IdempotencyConfig.DEFAULT;
        }
        try {
            return new IdempotencyConfig(Duration.ofSeconds(Long.parseLong(seconds.strip())), IdempotencyConfig.DEFAULT.lockTimeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(IDEMPOTENCY_EXPIRY_SECONDS + " is '" + seconds
                    + "'; expected a whole number of seconds of at least " + IdempotencyConfig.DEFAULT.lockTimeout().toSeconds(), e);
        }
    }

    /**
     * Signed answer links when both {@value #LINK_SECRET} (at least 32 bytes) and
     * {@value #CANDIDATE_URL} (where the candidate pages are served) are set; otherwise the mails
     * carry no answer links, as before.
     */
    static CandidateLinks candidateLinks(Map<String, String> env, Clock clock) {
        String secret = env.get(LINK_SECRET);
        String base = env.get(CANDIDATE_URL);
        if (!present(secret) || !present(base)) {
            return null;
        }
        try {
            return new CandidateLinks(URI.create(base.strip()), new LinkSigner(secret.getBytes(StandardCharsets.UTF_8), clock),
                    clock, CandidateLinks.DEFAULT_VALIDITY);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(LINK_SECRET + " or " + CANDIDATE_URL + " is invalid: " + e.getMessage(), e);
        }
    }

    static List<String> partners(Map<String, String> env) {
        String names = env.get(PARTNERS);
        if (!present(names)) {
            return RoutingDeclaration.DEFAULT_PARTNERS;
        }
        return Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (!present(value)) {
            throw new IllegalStateException(name + " is not set; expected the name of the DynamoDB table (see FunctionEnvironment)");
        }
        return value.strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * An environment whose SES client talks to {@code sesEndpoint} (the local runtime) with dummy
     * credentials, with in-memory stores; nothing leaves the machine. The local runtime passes
     * its durable stores with {@link #local(URI, Clock, EmailTemplates, FunctionStores)}.
     */
    public static FunctionEnvironment local(URI sesEndpoint, Clock clock, EmailTemplates templates) {
        return local(sesEndpoint, clock, templates, FunctionStores.inMemory());
    }

    /** Like {@link #local(URI, Clock, EmailTemplates)}, keeping state in {@code stores}. */
    public static FunctionEnvironment local(URI sesEndpoint, Clock clock, EmailTemplates templates, FunctionStores stores) {
        return local(sesEndpoint, clock, templates, stores, UrlConnectionHttpClient.create());
    }

    /**
     * Like {@link #local(URI, Clock, EmailTemplates, FunctionStores)}, the SES client sending over
     * {@code http}, which the caller owns and closes (the local runtime passes one pool of
     * connections to itself for all its functions).
     */
    public static FunctionEnvironment local(URI sesEndpoint, Clock clock, EmailTemplates templates, FunctionStores stores,
                                            SdkHttpClient http) {
        SesV2Client ses = localClient(SesV2Client.builder(), sesEndpoint, http)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new InvocationTraceHeader()))
                .build();
        return new FunctionEnvironment(clock, new SesV2Mailer(ses), new HiringEmails(templates), stores,
                IdempotencyConfig.DEFAULT, RoutingDeclaration.DEFAULT_PARTNERS);
    }

    /**
     * Reminders through the Scheduler API at {@code endpoint} (the local runtime's), in
     * {@value #DEFAULT_SCHEDULE_GROUP}, running {@code functionArn} as {@code roleArn}; the client
     * sends over {@code http}, which the caller owns and closes.
     */
    public static InterviewReminders localReminders(URI endpoint, Clock clock, String functionArn, String roleArn, SdkHttpClient http) {
        SchedulerClient scheduler = localClient(SchedulerClient.builder(), endpoint, http).build();
        return new SchedulerReminders(scheduler, DEFAULT_SCHEDULE_GROUP, functionArn, roleArn, clock);
    }

    /**
     * An SDK client builder aimed at the local runtime: its endpoint, us-east-1, dummy credentials,
     * {@code http}. Every SDK client the runtime's own code builds to call itself starts here.
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B localClient(B builder, URI endpoint,
                                                                                                  SdkHttpClient http) {
        return builder.httpClient(http)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(endpoint);
    }
}
