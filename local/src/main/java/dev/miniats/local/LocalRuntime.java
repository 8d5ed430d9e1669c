package dev.miniats.local;

import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.core.mail.MailStreamProvider;
import dev.miniats.core.mail.MimeEmails;
import dev.miniats.core.mail.RosterDigests;
import dev.miniats.core.routing.Route;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.functions.FunctionStores;
import dev.miniats.functions.HiringFunction;
import dev.miniats.local.events.delivery.Dispatcher;
import dev.miniats.local.ecr.Ecr;
import dev.miniats.local.ecr.Repositories;
import dev.miniats.local.events.CandidateIndex;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.Archives;
import dev.miniats.local.tracing.BusTracing;
import dev.miniats.local.events.LocalRule;
import dev.miniats.core.link.CandidateLinks;
import dev.miniats.core.link.LinkSigner;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.local.candidate.CandidatePages;
import dev.miniats.local.replies.CalendarReplyReceiver;
import dev.miniats.local.candidate.LinkSecrets;
import dev.miniats.local.cloudformation.CloudFormation;
import dev.miniats.local.cloudformation.StackBackends;
import dev.miniats.local.console.Console;
import dev.miniats.local.events.RuleStore;
import dev.miniats.local.events.Target;
import dev.miniats.local.events.Retention;
import dev.miniats.local.tracing.SpanStore;
import dev.miniats.local.tracing.TracingSetup;
import dev.miniats.local.events.EventBridgeApi;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.HttpServer;
import dev.miniats.local.iam.Iam;
import dev.miniats.local.ssm.ParameterStore;
import dev.miniats.local.ssm.Ssm;
import dev.miniats.local.sts.Sts;
import dev.miniats.local.lambda.FunctionResources;
import dev.miniats.local.lambda.LambdaApi;
import dev.miniats.local.lambda.UserFunctions;
import dev.miniats.local.lambda.runtime.ProcessRuntime;
import dev.miniats.local.lambda.DiagnosticFunctions;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.lambda.InvocationStore;
import dev.miniats.local.lambda.LoopbackHttpClient;
import dev.miniats.local.logs.CloudWatchLogsApi;
import dev.miniats.local.xray.XRayService;
import dev.miniats.local.mail.LocalMailServer;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.mail.SmtpDelivery;
import dev.miniats.local.ats.ActivityReadModel;
import dev.miniats.local.ats.AtsApi;
import dev.miniats.local.scheduler.SchedulerService;
import dev.miniats.local.ats.PipelineReadModel;
import dev.miniats.local.ats.RosterReadModel;
import dev.miniats.local.aws.Ports;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.ses.Identities;
import dev.miniats.local.ses.InboundReceipts;
import dev.miniats.local.ses.ReceiptRules;
import dev.miniats.local.ses.SesService;
import dev.miniats.local.ses.LocalSes;
import dev.miniats.local.ses.Templates;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.s3.S3;
import dev.miniats.local.sqs.Sqs;
import dev.miniats.local.queues.DeadLetterQueues;
import dev.miniats.local.dynamodb.DynamoDb;
import dev.miniats.local.sqlite.SqliteIdempotencyStore;
import dev.miniats.local.sqlite.SqliteInterviewStore;
import dev.miniats.local.sqlite.SqlitePipelineStore;
import dev.miniats.local.sqlite.SqliteRosterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The whole local runtime in one process: the durable store, the mail server, the bus and its
 * dispatcher, the functions, and the HTTP API. {@link #start} returns when it is ready;
 * {@link #close} stops it cleanly (pending work stays in the store for the next start).
 */
public final class LocalRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";
    private static final Arns ARNS = new Arns(REGION, ACCOUNT);

    private final RuntimeConfig config;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private Database database;
    private EventLog eventLog;
    private MailStore mailStore;
    private LocalMailServer mailServer;
    private HttpServer http;
    private Console console;
    private FunctionRegistry functions;
    private int port;
    private EventBus bus;
    private XRayService xray;
    private S3 s3;
    private Sqs sqs;
    private DynamoDb dynamoDb;

    private LocalRuntime(RuntimeConfig config) {
        this.config = config;
    }

    public static LocalRuntime start(RuntimeConfig config) {
        LocalRuntime runtime = new LocalRuntime(config);
        try {
            runtime.boot();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void boot() {
        BootTimes boot = new BootTimes();
        HttpWarmUp httpWarmUp = HttpWarmUp.start(); // on a second core while this thread opens the store
        MailStreamProvider.pin(); // SES and the mailboxes parse MIME too (see MailStreamProvider)
        Clock clock = Clock.systemUTC();
        database = track(Database.open(config.dataDir(), config.fsync()));
        boot.step("main database");
        Database telemetry = track(Database.openTelemetry(config.dataDir(), config.fsync()));
        boot.step("telemetry database");
        eventLog = new EventLog(database);
        mailStore = new MailStore(database);
        Iam iam = new Iam(database, ARNS, clock, config.iamEnforce());

        mailServer = track(new LocalMailServer(config.bindAddress(), config.smtpPort(), config.imapPort()));
        // GreenMail's start mostly waits for its listener threads: nothing needs it before the mailboxes are restored
        BootTask mailServerStarted = BootTask.start("mail-server-start", mailServer::start);
        boot.step("mail server (started in the background)");
        SmtpDelivery smtp = track(config.smtpRelay() == null
                ? SmtpDelivery.embedded(mailStore, mailServer, clock, config.timeScale())
                : SmtpDelivery.relay(mailStore, config.smtpRelay(), clock, config.timeScale()));
        Identities identities = new Identities(database, clock);
        Templates sesTemplates = new Templates(database, clock);
        LocalSes ses = new LocalSes(mailStore, smtp, identities, config.sesSandbox(), REGION, clock);
        boot.step("ses");

        SpanStore spanStore = new SpanStore(telemetry);
        BusTracing tracing = config.tracing() ? TracingSetup.start(spanStore, config.otlpTracesEndpoint(), clock, this::track)
                : BusTracing.disabled();
        xray = track(new XRayService(database, spanStore, tracing, new Arns(REGION, ACCOUNT), clock, config.bindAddress(),
                config.xrayPort()));
        boot.step("tracing, x-ray");

        // The functions call SES over HTTP on the runtime's own port, so the port is known before they are built.
        port = Ports.reserve(config.bindAddress(), config.port());
        // tracked before the functions, so it closes after them and stores their last invocations
        InvocationStore invocations = track(new InvocationStore(telemetry, InvocationStore.DEFAULT_KEEP_PER_FUNCTION));
        SqliteRosterStore roster = new SqliteRosterStore(database);
        SqlitePipelineStore pipeline = new SqlitePipelineStore(database);
        EmailTemplates templates = config.templatesDir() == null
                ? EmailTemplates.builtIn() : EmailTemplates.withOverrides(config.templatesDir());
        SqliteIdempotencyStore idempotency = new SqliteIdempotencyStore(database);
        idempotency.releaseAbandonedLocks(); // no function runs yet: any lock is the previous process's
        FunctionStores stores = new FunctionStores(idempotency, new SqliteInterviewStore(database), pipeline, roster);
        LinkSigner linkSigner = new LinkSigner(LinkSecrets.load(config.dataDir(), System.getenv(LinkSecrets.VARIABLE)), clock);
        // the SDK clients' connections to this runtime, closed after the functions and the pages that use them: one
        // per invocation the built-in functions may run at once, and some for the candidate pages' PutEvents
        LoopbackHttpClient loopback = track(new LoopbackHttpClient(
                HiringFunction.values().length * config.functionConcurrency() + 32));
        // built on first use (or by the warm-up once the runtime answers): the SDK client and handlers are not needed to start
        functions = track(new FunctionRegistry(() -> FunctionEnvironment.local(endpoint(), clock, templates, stores, loopback)
                .withPartners(config.partners())
                .withReminders(FunctionEnvironment.localReminders(endpoint(), clock,
                        ARNS.lambdaFunction(HiringFunction.SEND_INTERVIEW_REMINDER.functionName()), ARNS.global("iam", "role/mini-ats-scheduler"),
                        loopback))
                .withEmails(new HiringEmails(templates,
                        new CandidateLinks(endpoint(), linkSigner, clock, CandidateLinks.DEFAULT_VALIDITY))), ACCOUNT, REGION, tracing, config.functionConcurrency(), FunctionRegistry.TIMEOUT_MILLIS));
        functions.recordInvocations(invocations);
        functions.register(DiagnosticFunctions.RECORD, DiagnosticFunctions.recorder(config.dataDir().resolve("recorded.jsonl")));
        boot.step("function registry");

        Dispatcher dispatcher = track(new Dispatcher(eventLog, functions::invokeHere, tracing, clock, config.timeScale(), 64));
        dispatcher.limitPerFunction(config.functionConcurrency());
        bus = new EventBus(eventLog, new RuleStore(database), dispatcher, tracing, clock, ACCOUNT, REGION);
        RoutingDeclaration routing = RoutingDeclaration.of(config.busName(), config.partners());
        declare(routing);
        boot.step("bus, rules");
        // tracked before the server, so it stops after it; dead letters and SQS targets go to its queues
        sqs = track(new Sqs(this::endpoint, REGION, ACCOUNT, database));
        DeadLetterQueues deadLetters = DeadLetterQueues.wire(sqs, eventLog, bus, dispatcher, database, clock);
        Archives archives = track(new Archives(database, bus, eventLog, dispatcher, clock));
        EventBridgeApi eventBridge = new EventBridgeApi(bus, archives);
        boot.step("sqs, dead letters, archives");

        SchedulerService scheduler = track(new SchedulerService(database, new LocalScheduleTargets(functions, bus),
                ARNS, clock, config.timeScale()));
        scheduler.ensureGroup(FunctionEnvironment.DEFAULT_SCHEDULE_GROUP); // the reminders' group, as the stack creates it on AWS
        boot.step("scheduler");
        PipelineReadModel pipelineReads = new PipelineReadModel(pipeline);
        RosterReadModel rosterReads = new RosterReadModel(roster);
        CalendarReplyReceiver calendarReplies = new CalendarReplyReceiver(database, bus, routing.busName(), clock);
        console = new Console(new Console.Services(new ActivityReadModel(database), pipelineReads, rosterReads, eventLog,
                mailStore, bus, dispatcher, routing, clock, spanStore, invocations, xray, deadLetters, calendarReplies),
                config.bindAddress(), System.getenv("ATS_CONSOLE_TOKEN"));
        CandidatePages candidates = new CandidatePages(linkSigner, database, eventLog, this::endpoint, routing.busName(), clock, loopback);
        mailServerStarted.join();
        boot.step("waiting for the mail server");
        mailServer.onReceived(calendarReplies);
        boot.step("console, candidate pages");
        ProcessRuntime processes = track(new ProcessRuntime(LambdaWiring.cacheDir(), config.lambdaSettings(), config.functionIdleTimeout()));
        UserFunctions userFunctions = new UserFunctions(database, config.dataDir(), ARNS, LambdaWiring.executionRoles(iam),
                processes, clock);
        functions.serve(userFunctions, endpoint(), xray.daemonAddress());
        dispatcher.checkPermissions(d -> d.function() == null || !userFunctions.exists(d.function()) ? null
                : eventLog.event(d.eventId()).map(e -> userFunctions.eventsRefusal(d.function(), ARNS.rule(e.bus(), d.rule())))
                        .orElse(null), iam.enforce());
        boot.step("user functions");
        // Before the API opens and queued mail resumes: a mailbox is rebuilt on first use from the mails
        // delivered before this point, so each stored mail is either restored or delivered once, never both.
        mailServer.restore(mailStore);
        boot.step("mailbox restore (each mailbox on first use)");
        smtp.resume();
        LambdaApi lambda = track(new LambdaApi(functions, userFunctions, LambdaWiring.asyncDestinations(sqs, bus), config.timeScale(),
                config.functionConcurrency()));
        // real backends, each started on its first request; tracked before the server, so they stop after it
        s3 = track(new S3(config.dataDir().resolve("s3")));
        ParameterStore parameters = new ParameterStore(database, clock);
        Repositories repositories = new Repositories(database, clock, ARNS);
        dynamoDb = track(new DynamoDb(config.dataDir().resolve("dynamodb"), DynamoDb.defaultToolsDir()));
        LocalReceiptTargets receiptTargets = track(new LocalReceiptTargets(s3, functions));
        ReceiptRules receiptRules = new ReceiptRules(database, clock, receiptTargets);
        InboundReceipts sesReceiving = track(new InboundReceipts(database, receiptRules, receiptTargets, clock));
        mailServer.onReceived(sesReceiving); // beside the calendar replies: each hears every mail received over SMTP
        CloudFormation cloudFormation = track(new CloudFormation(database, clock, ARNS, bus, iam, identities,
                new FunctionResources(userFunctions), new StackBackends(s3, sqs, dynamoDb, archives, functions, this::endpoint,
                        Duration.ofMinutes(5)), scheduler, parameters, repositories, receiptRules));
        boot.step("lambda api, s3, dynamodb, cloudformation");
        httpWarmUp.awaitDone();
        boot.step("waiting for the HTTP warm-up");
        http = track(new HttpServer(config.bindAddress(), port, REGION, List.of(
                eventBridge,
                new SesService(ses, identities, sesTemplates, mailStore, REGION, clock, iam, ACCOUNT, receiptRules),
                lambda,
                new CloudWatchLogsApi(invocations, REGION, ACCOUNT),
                iam,
                new Sts(iam, ARNS),
                new Ssm(parameters, ARNS),
                new Ecr(repositories),
                xray,
                cloudFormation,
                new AtsApi(eventLog, deadLetters, spanStore, invocations, functions, pipelineReads, rosterReads,
                        new RosterDigests(templates, new MimeEmails(clock)), ses),
                scheduler,
                s3,
                sqs,
                dynamoDb,
                routes -> {
                    console.register(routes.http());
                    candidates.register(routes.http());
                    calendarReplies.register(routes.http());
                    sesReceiving.register(routes.http());
                })).start());
        track(console); // closed before the server, so open live streams end instead of holding up its stop
        boot.step("http server");

        dispatcher.start();
        deadLetters.resume();
        track(new Retention(eventLog, database, telemetry, config.retainEvents(), config.retainSpans(), clock)).start();
        track(new CandidateIndex(database)).start();
        scheduler.start();
        functions.warmUpInBackground(() -> loopback.warmUp(endpoint()));
        boot.step("background starts");
        boot.print();
    }

    /** Spans go to SQLite (the console's traces) and, when configured, to an OTLP collector. */
    /** The hiring bus and its declared routes, re-applied at every start without clobbering API-made rules. */
    private void declare(RoutingDeclaration routing) {
        bus.ensureBus(routing.busName());
        for (Route route : routing.routes()) {
            Target target = new Target(route.functionName(), ARNS.lambdaFunction(route.functionName()), null, null,
                    null, route.retryPolicy(), route.deadLetter() ? ARNS.sqsQueue(DeadLetterQueues.DEFAULT_QUEUE) : null);
            bus.putDeclaredRule(new LocalRule(routing.busName(), route.ruleName(), route.eventPattern(), route.description(), true,
                    true, List.of(target)));
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    public URI endpoint() {
        return URI.create("http://" + hostForUrl() + ":" + port);
    }

    private String hostForUrl() {
        String host = config.bindAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Where a browser opens the console; carries the login token when the runtime is not on loopback. */
    public URI consoleUrl() {
        String token = console.loginToken();
        return endpoint().resolve("/console/" + (token == null ? "" : "?token=" + token));
    }

    public int port() {
        return port;
    }

    public int smtpPort() {
        return mailServer.smtpPort();
    }

    public int imapPort() {
        return mailServer.imapPort();
    }

    /** {@code host:port} of the X-Ray daemon UDP port: what user functions get as {@code AWS_XRAY_DAEMON_ADDRESS}. */
    public String xrayDaemonAddress() {
        return xray.daemonAddress();
    }

    /** The X-Ray API's traces (the bus's spans and received segments). */
    public XRayService xray() {
        return xray;
    }

    public RuntimeConfig config() {
        return config;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    public EventBus bus() {
        return bus;
    }

    /** The local functions; benchmarks and tests register in-process probe functions here. */
    public FunctionRegistry functions() {
        return functions;
    }

    /** S3 (s3proxy), SQS (ElasticMQ) and DynamoDB (dynalite) for the runtime's other parts, in process. */
    public S3 s3() {
        return s3;
    }

    public Sqs sqs() {
        return sqs;
    }

    public DynamoDb dynamoDb() {
        return dynamoDb;
    }

    public MailStore mailStore() {
        return mailStore;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable closeable = closeables.pop();
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
