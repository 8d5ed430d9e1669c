package dev.miniats.local;

import dev.miniats.local.mail.SmtpRelay;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to run the local runtime. Many optional knobs, so a builder; every default is what
 * {@code ./ats up} uses.
 */
public record RuntimeConfig(Path dataDir, String bindAddress, int port, int smtpPort, int imapPort,
                            double timeScale, boolean fsync, Path templatesDir, String busName, List<String> partners,
                            boolean sesSandbox, SmtpRelay smtpRelay,
                            int functionConcurrency, boolean tracing, java.net.URI otlpTracesEndpoint, boolean iamEnforce,
                            int xrayPort, java.time.Duration functionIdleTimeout, int retainEvents, int retainSpans,
                            java.util.Map<String, String> lambdaSettings) {
    public static final int DEFAULT_PORT = 4599;
    public static final int DEFAULT_SMTP_PORT = 3025;
    public static final int DEFAULT_IMAP_PORT = 3143;
    /** The X-Ray daemon's usual UDP port, so SDKs find it without AWS_XRAY_DAEMON_ADDRESS. */
    public static final int DEFAULT_XRAY_PORT = 2000;

    public RuntimeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(busName, "busName");
        partners = List.copyOf(partners);
        lambdaSettings = java.util.Map.copyOf(lambdaSettings);
        if (functionConcurrency < 1) {
            throw new IllegalArgumentException("functionConcurrency is " + functionConcurrency + "; expected at least 1");
        }
        if (retainEvents < 1 || retainSpans < 1) {
            throw new IllegalArgumentException("retainEvents " + retainEvents + " / retainSpans " + retainSpans + ": expected at least 1");
        }
        if (timeScale <= 0 || timeScale > 1) {
            throw new IllegalArgumentException("timeScale is " + timeScale + "; expected more than 0 and at most 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with {@code ./ats up}'s defaults. */
    public static final class Builder {
        private Path dataDir = Path.of(".ats-data");
        private int retainEvents = dev.miniats.local.events.Retention.DEFAULT_KEEP_EVENTS;
        private int retainSpans = dev.miniats.local.events.Retention.DEFAULT_KEEP_SPANS;
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private int smtpPort = DEFAULT_SMTP_PORT;
        private int imapPort = DEFAULT_IMAP_PORT;
        private double timeScale = 1.0;
        private boolean fsync;
        private Path templatesDir;
        private String busName = dev.miniats.core.routing.RoutingDeclaration.DEFAULT_BUS;
        private List<String> partners = dev.miniats.core.routing.RoutingDeclaration.DEFAULT_PARTNERS;
        private boolean sesSandbox;
        private SmtpRelay smtpRelay;
        private int functionConcurrency = dev.miniats.local.lambda.FunctionRegistry.DEFAULT_CONCURRENCY;
        private boolean tracing = true;
        private java.net.URI otlpTracesEndpoint;
        private boolean iamEnforce;
        private int xrayPort = DEFAULT_XRAY_PORT;
        private java.time.Duration functionIdleTimeout = java.time.Duration.ofMinutes(5);
        private java.util.Map<String, String> lambdaSettings = System.getenv();

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder bindAddress(String v) { bindAddress = v; return this; }
        /** 0 picks a free port. */
        public Builder port(int v) { port = v; return this; }
        public Builder smtpPort(int v) { smtpPort = v; return this; }
        public Builder imapPort(int v) { imapPort = v; return this; }
        /** Multiplies retry delays; tests use a small value to run retry schedules quickly. */
        public Builder timeScale(double v) { timeScale = v; return this; }
        /** fsync every commit (synchronous=FULL): durable against power loss too, slower. */
        public Builder fsync(boolean v) { fsync = v; return this; }
        public Builder templatesDir(Path v) { templatesDir = v; return this; }
        public Builder busName(String v) { busName = v; return this; }
        public Builder partners(List<String> v) { partners = v; return this; }
        /** Like an SES account in the sandbox: senders and recipients must be verified identities. */
        public Builder sesSandbox(boolean v) { sesSandbox = v; return this; }
        /** Deliver mail to this SMTP server instead of the embedded mailbox; null for the mailbox. */
        public Builder smtpRelay(SmtpRelay v) { smtpRelay = v; return this; }
        /** Invocations each function runs at once; more are throttled and retried. */
        public Builder functionConcurrency(int v) { functionConcurrency = v; return this; }
        /** Record spans of the bus's steps in SQLite (on by default; off measures the bus without it). */
        public Builder tracing(boolean v) { tracing = v; return this; }
        /** Also export spans over OTLP/HTTP to this URL (the full {@code .../v1/traces} one); null for no export. */
        public Builder otlpTracesEndpoint(java.net.URI v) { otlpTracesEndpoint = v; return this; }
        /** {@code --iam enforce}: refuse what a role session's policies do not allow; false records the would-be refusals. */
        public Builder iamEnforce(boolean v) { iamEnforce = v; return this; }
        /** The UDP port taking X-Ray segment documents, as the X-Ray daemon does; 0 picks a free one. */
        public Builder xrayPort(int v) { xrayPort = v; return this; }
        /** How long a user function's execution environment (a process) stays warm unused. */
        public Builder functionIdleTimeout(java.time.Duration v) { functionIdleTimeout = v; return this; }
        /** How many of the newest events (with their deliveries) and spans are kept; older ones age out (events.Retention). */
        public Builder retain(int events, int spans) { retainEvents = events; retainSpans = spans; return this; }
        /** Where user functions' interpreters are found: PATH and the ATS_LAMBDA_* settings (default: this process's environment). */
        public Builder lambdaSettings(java.util.Map<String, String> v) { lambdaSettings = v; return this; }
        /** Every port picked free: for tests. */
        public Builder ephemeralPorts() { port = 0; smtpPort = 0; imapPort = 0; xrayPort = 0; return this; }

        public RuntimeConfig build() {
            return new RuntimeConfig(dataDir, bindAddress, port, smtpPort, imapPort, timeScale, fsync, templatesDir, busName, partners,
                    sesSandbox, smtpRelay, functionConcurrency, tracing, otlpTracesEndpoint, iamEnforce, xrayPort, functionIdleTimeout,
                    retainEvents, retainSpans, lambdaSettings);
        }
    }
}
