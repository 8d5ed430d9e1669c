package dev.miniats.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code ats} command line. */
@Command(name = "ats", mixinStandardHelpOptions = true, version = "mini-ats 0.1.0",
        description = "mini-ats: an event-driven applicant tracking system, locally.",
        subcommands = {Ats.Up.class})
public final class Ats implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Ats()).execute(args));
    }

    /** How {@code --iam} treats a request a role session's policies do not allow. */
    enum IamMode { enforce, record }

    /** {@code ats up}: runs the local runtime until Ctrl-C or SIGTERM. */
    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start the local runtime (EventBridge, SES, Lambda APIs, SMTP and IMAP) on loopback.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Where the SQLite store lives (default: ${DEFAULT-VALUE}).")
        Path dataDir = Path.of(".ats-data");

        @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String bind = "127.0.0.1";

        @Option(names = "--port", description = "AWS API and console port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port = RuntimeConfig.DEFAULT_PORT;

        @Option(names = "--smtp-port", description = "SMTP port (default: ${DEFAULT-VALUE}).")
        int smtpPort = RuntimeConfig.DEFAULT_SMTP_PORT;

        @Option(names = "--imap-port", description = "IMAP port (default: ${DEFAULT-VALUE}).")
        int imapPort = RuntimeConfig.DEFAULT_IMAP_PORT;

        @Option(names = "--xray-port", description = "UDP port for X-Ray segments, as the X-Ray daemon's (default: ${DEFAULT-VALUE}).")
        int xrayPort = RuntimeConfig.DEFAULT_XRAY_PORT;

        @Option(names = "--time-scale", description = "Multiply retry delays by this (0 < s <= 1; default: ${DEFAULT-VALUE}).")
        double timeScale = 1.0;

        @Option(names = "--fsync", description = "fsync every commit (durable against power loss, slower).")
        boolean fsync;

        @Option(names = "--templates", description = "Directory of email templates that override the built-in ones.")
        Path templates;

        @Option(names = "--bus", description = "Name of the hiring event bus (default: ${DEFAULT-VALUE}).")
        String bus = dev.miniats.core.routing.RoutingDeclaration.DEFAULT_BUS;

        @Option(names = "--function-concurrency", description = "Invocations each function runs at once (default: ${DEFAULT-VALUE}).")
        int functionConcurrency = dev.miniats.local.lambda.FunctionRegistry.DEFAULT_CONCURRENCY;

        @Option(names = "--retain-events", description = "Newest events kept with their deliveries; older ones age out unless pending,"
                + " dead-lettered or archived (default: ${DEFAULT-VALUE}).")
        int retainEvents = dev.miniats.local.events.Retention.DEFAULT_KEEP_EVENTS;

        @Option(names = "--retain-spans", description = "Newest spans kept for the console's traces (default: ${DEFAULT-VALUE}).")
        int retainSpans = dev.miniats.local.events.Retention.DEFAULT_KEEP_SPANS;

        @Option(names = "--no-tracing", negatable = true, description = "Record no spans (they are stored in SQLite by default).")
        boolean tracing = true;

        @Option(names = "--partner", description = "A partner company whose candidates get no email (repeatable; default: Insight Partners).")
        List<String> partners = List.of();

        @Option(names = "--ses-sandbox", description = "Like an SES account in the sandbox: senders and recipients must be verified identities.")
        boolean sesSandbox;

        @Option(names = "--smtp-relay", paramLabel = "HOST:PORT",
                description = "Deliver mail to this SMTP server instead of the local mailbox.")
        String smtpRelay;

        @Option(names = "--smtp-relay-starttls", description = "Require STARTTLS with the relay.")
        boolean smtpRelayStartTls;

        @Option(names = "--smtp-relay-user", description = "Relay login; the password comes from the environment variable ATS_SMTP_RELAY_PASSWORD.")
        String smtpRelayUser;

        @Option(names = "--otlp-endpoint", paramLabel = "URL",
                description = "Also export spans over OTLP/HTTP to this collector (e.g. http://127.0.0.1:4318; /v1/traces is added)."
                        + " Default: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT when set, else no export.")
        String otlpEndpoint;

        @Option(names = "--iam", paramLabel = "MODE", description = "record (default): log what IAM would refuse and go on;"
                + " enforce: refuse it with AccessDenied, as AWS does.")
        IamMode iam = IamMode.record;

        @Option(names = "--exit-when-ready", hidden = true,
                description = "Stop as soon as the runtime is ready: the training run that ./ats records its class-data archive from.")
        boolean exitWhenReady;

        @Option(names = "--train", hidden = true,
                description = "Once ready, go through the hiring workshop once (every event type, a mailbox read, the console), then stop:"
                        + " the training run ./ats records its class-data archive from. Only for a throwaway data directory.")
        boolean train;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            long started = System.nanoTime();
            dev.miniats.local.mail.SmtpRelay relay;
            java.net.URI otlp;
            try {
                otlp = dev.miniats.local.tracing.OtlpExport.tracesEndpoint(otlpEndpoint, System.getenv());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, otlpEndpoint);
            }
            try {
                relay = smtpRelay == null ? null : dev.miniats.local.mail.SmtpRelay.parse(smtpRelay, smtpRelayStartTls,
                        smtpRelayUser, smtpRelayUser == null ? null : System.getenv("ATS_SMTP_RELAY_PASSWORD"));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, smtpRelay);
            }
            RuntimeConfig config = RuntimeConfig.builder().dataDir(dataDir).bindAddress(bind).port(port)
                    .smtpPort(smtpPort).imapPort(imapPort).xrayPort(xrayPort).timeScale(timeScale).fsync(fsync).templatesDir(templates)
                    .busName(bus).functionConcurrency(functionConcurrency).tracing(tracing).retain(retainEvents, retainSpans).partners(partners.isEmpty() ? dev.miniats.core.routing.RoutingDeclaration.DEFAULT_PARTNERS : partners)
                    .sesSandbox(sesSandbox)
                    .smtpRelay(relay)
                    .otlpTracesEndpoint(otlp)
                    .iamEnforce(iam == IamMode.enforce)
                    .build();
            LocalRuntime runtime = LocalRuntime.start(config);
            if (exitWhenReady || train) {
                System.out.printf("Ready in %d ms; stopping (%s).%n", (System.nanoTime() - started) / 1_000_000,
                        train ? "--train" : "--exit-when-ready");
                runtime.functions().warmUp(); // the training run: their classes belong in the class-data archive too
                if (train) {
                    Rehearsal.runQuietly(runtime);
                }
                runtime.close();
                return 0;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("Stopping mini-ats...");
                runtime.close();
                System.out.println("Stopped.");
                System.out.flush();
                stopped.countDown();
            }, "shutdown"));
            System.out.println("AWS endpoint: " + runtime.endpoint());
            System.out.println("Console: " + runtime.consoleUrl());
            System.out.println("SMTP: " + config.bindAddress() + ":" + runtime.smtpPort());
            System.out.println("IMAP: " + config.bindAddress() + ":" + runtime.imapPort());
            System.out.println("X-Ray daemon (UDP): " + runtime.xrayDaemonAddress());
            System.out.println("Data: " + runtime.database().file().toAbsolutePath());
            System.out.println("Bus: " + config.busName());
            if (config.smtpRelay() != null) {
                System.out.println("Mail relay: " + config.smtpRelay());
            }
            if (config.otlpTracesEndpoint() != null) {
                System.out.println("Traces also exported over OTLP to: " + config.otlpTracesEndpoint());
            }
            if (config.sesSandbox()) {
                System.out.println("SES sandbox: senders and recipients must be verified identities");
            }
            System.out.printf("Ready in %d ms. Ctrl-C stops.%n", (System.nanoTime() - started) / 1_000_000);
            System.out.flush();
            stopped.await();
            return 0;
        }
    }
}
