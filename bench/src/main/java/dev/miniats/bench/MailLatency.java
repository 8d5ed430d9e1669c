package dev.miniats.bench;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Event to mailbox, sequentially, in one runtime in this JVM: (1) the brief's send-assessment
 * event, PutEvents answered → the mail readable over IMAP, the first {@code n} after the start and
 * then {@value #STEADY_DEFAULT} more (JIT warmer); (2) SES v2 SendEmail answered → the
 * mail readable over IMAP. The reader logs in before sending and then asks its open INBOX for
 * the message count (an IMAP NOOP per poll, no new connection), so the figure is the runtime's,
 * not the poller's. Requests go out through {@code java.net.http} (a client that costs little).
 * A main program; not thread-safe.
 *
 * <p>Run: {@code java -cp local/target/mini-ats-local.jar:bench/target/classes dev.miniats.bench.MailLatency [n]}
 */
public final class MailLatency {
    /**
     * Between NOOPs the reader pauses 0.25 ms ({@code -Dpoll.pause.nanos=} to change): a reader
     * sending NOOP after NOOP keeps itself and GreenMail's session thread busy, two threads on a
     * 2-core machine, and the runtime waited for a core (measured 2026-12-04, 50 events each,
     * alternating: p50 18.1 and 21.1 ms spinning, 14.0 and 15.3 ms pausing).
     */
    private static final long POLL_PAUSE_NANOS = Long.getLong("poll.pause.nanos", 250_000);

    private static final int STEADY_DEFAULT = 500;
    private static final int STEADY = Integer.getInteger("steady.events", STEADY_DEFAULT);

    private MailLatency() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(Files.createTempDirectory("ats-mail"))
                .ephemeralPorts().build())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI endpoint = runtime.endpoint();
            System.out.printf("cores: %d, load average at start: %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
            report("PutEvents (send-assessment) answered -> readable over IMAP", measure(runtime, n, "event", putEvents(endpoint, "event"), http, false));
            breakdown(runtime);
            // the JIT is still compiling long after 50 events (its compiler threads used ~9 s of CPU in a 300-event run)
            report("  the same, the next " + STEADY + " events (a warmer JIT)",
                    measure(runtime, STEADY, "steady", putEvents(endpoint, "steady"), http, false));
            IntFunction<HttpRequest> sendEmail = i -> HttpRequest.newBuilder(endpoint.resolve("/v2/email/outbound-emails"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"FromEmailAddress\":\"talent@example.com\",\"Destination\":{\"ToAddresses\":[\""
                            + address("ses", i) + "\"]},\"Content\":{\"Simple\":{\"Subject\":{\"Data\":\"Hello\"},\"Body\":{\"Text\":{\"Data\":\"Hi\"}}}}}"))
                    .build();
            report("SES v2 SendEmail answered -> readable over IMAP", measure(runtime, n, "ses", sendEmail, http, false));
            // what a mail client waiting in IDLE sees: GreenMail reports new mail to an idling session on a tick of its own
            report("  PutEvents -> readable, reader in IMAP IDLE", measure(runtime, n, "idle", putEvents(endpoint, "idle"), http, true));
            System.out.printf("load average at end: %s%n", loadAverage());
        }
    }

    /** The brief's send-assessment event to {@code kind}{@code i}@example.com, as a PutEvents request. */
    static IntFunction<HttpRequest> putEvents(URI endpoint, String kind) {
        return i -> HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "AWSEvents.PutEvents")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Entries\":[{\"Source\":\"mini-ats\",\"DetailType\":\"send-assessment\","
                        + "\"EventBusName\":\"mini-ats\",\"Detail\":\"{\\\"toEmail\\\":\\\"" + address(kind, i) + "\\\","
                        + "\\\"fromEmail\\\":\\\"talent@example.com\\\",\\\"companyName\\\":\\\"Criteria Corp Testing\\\"}\"}]}"))
                .build();
    }

    /** Medians of the event legs, from the stored timestamps (milliseconds). */
    private static void breakdown(LocalRuntime runtime) {
        // sequential runs: the i-th event, invocation and mail belong together
        try {
            Thread.sleep(1_000); // the invocation records are written in the background
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<long[]> legs = new ArrayList<>();
        java.nio.file.Path dir = runtime.config().dataDir();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mini-ats.db"))) {
            c.createStatement().execute("ATTACH DATABASE '" + dir.resolve("telemetry.db") + "' AS telemetry");
            try (var s = c.prepareStatement("SELECT e.received_at, i.started_at, i.duration_ms, m.created_at, m.delivered_at FROM"
                    + " (SELECT received_at, row_number() OVER (ORDER BY seq) n FROM events WHERE detail_type = 'send-assessment') e"
                    + " JOIN (SELECT started_at, duration_ms, row_number() OVER (ORDER BY seq) n FROM telemetry.function_invocations"
                    + "       WHERE function = 'send-assessment') i ON i.n = e.n"
                    + " JOIN (SELECT created_at, delivered_at, row_number() OVER (ORDER BY seq) n FROM mails) m ON m.n = e.n ORDER BY e.n");
                 var r = s.executeQuery()) {
                while (r.next()) {
                    legs.add(new long[]{r.getLong(2) - r.getLong(1), r.getLong(4) - r.getLong(2), r.getLong(5) - r.getLong(4),
                            Math.round(r.getDouble(3))});
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String[] names = {"event stored -> function started", "function started -> mail stored by SES",
                "mail stored -> delivered", "function duration"};
        for (int leg = 0; leg < names.length; leg++) {
            int l = leg;
            List<Long> values = new ArrayList<>(legs.stream().skip(1).map(v -> v[l]).toList());
            Collections.sort(values);
            System.out.printf("  %s: median %d ms, p90 %d ms (%d events)%n", names[leg], values.get(values.size() / 2),
                    values.get((int) (values.size() * 0.9)), values.size());
        }
    }

    static String address(String kind, int i) {
        return kind + i + "@example.com";
    }

    /**
     * Microseconds from each request's answer to its mail in the INBOX; the first (cold) one is
     * dropped. Without {@code idle} the reader sends NOOP after NOOP on one logged-in connection
     * (the figure the targets are about). With it the reader waits in IMAP IDLE (RFC 2177) as a
     * mail client does; GreenMail 2.1 reports new mail to an idling session about 10 ms late
     * (measured: SES SendEmail → IDLE notification p50 9–10 ms against 0.2–0.7 ms by NOOP), so
     * that figure is the client's view, not the runtime's.
     */
    private static List<Long> measure(LocalRuntime runtime, int n, String kind, IntFunction<HttpRequest> request, HttpClient http,
                                      boolean idle) throws Exception {
        List<Long> out = new ArrayList<>();
        Session session = Session.getInstance(new Properties());
        int missedIdle = 0;
        for (int i = 0; i <= n; i++) {
            String to = address(kind, i);
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", runtime.imapPort(), to, to); // authentication is off: the login creates the mailbox
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                CompletableFuture<Long> pushed = idle ? idleUntilMail(inbox) : null;
                HttpResponse<String> answer = http.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("answer " + answer.statusCode() + ": " + answer.body());
                }
                long seen;
                if (idle) {
                    Long at = null;
                    try {
                        at = pushed.get(2, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        // the mail arrived before the server had taken IDLE: ask, and count it
                        missedIdle++;
                    }
                    if (at == null) {
                        awaitByPolling(inbox, answered, to);
                        at = System.nanoTime();
                    }
                    seen = at;
                } else {
                    awaitByPolling(inbox, answered, to);
                    seen = System.nanoTime();
                }
                if (i > 0) {
                    out.add((seen - answered) / 1_000);
                }
                inbox.close(false);
            }
        }
        if (missedIdle > 0) {
            System.out.printf("  (%d of %d mails arrived before IDLE was taken and were read by NOOP instead)%n", missedIdle, n + 1);
        }
        return out;
    }

    /**
     * Starts IMAP IDLE on {@code inbox} in a thread of its own and completes with the time the
     * server's EXISTS for the new mail came in. Returns once the IDLE command has been sent (a
     * short pause: Jakarta Mail has no callback for the server's "+ idling").
     */
    private static CompletableFuture<Long> idleUntilMail(IMAPFolder inbox) throws InterruptedException {
        CompletableFuture<Long> pushed = new CompletableFuture<>();
        Thread idler = new Thread(() -> {
            try {
                while (!pushed.isDone()) {
                    inbox.idle(true);
                    long at = System.nanoTime();
                    if (inbox.getMessageCount() > 0) {
                        pushed.complete(at);
                    }
                }
            } catch (jakarta.mail.MessagingException | IllegalStateException e) {
                pushed.completeExceptionally(e);
            }
        }, "imap-idle");
        idler.setDaemon(true);
        idler.start();
        Thread.sleep(50); // outside the measured time: the request goes out after this
        return pushed;
    }

    static void awaitByPolling(Folder inbox, long answered, String to) throws jakarta.mail.MessagingException {
        long deadline = answered + 30_000_000_000L;
        while (count(inbox) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no mail for " + to + " within 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
    }

    /**
     * Sends NOOP and reads the count: an open folder's {@code getMessageCount()} alone sends a NOOP
     * at most once a second (Jakarta Mail keeps the connection alive on that clock), which would
     * put a one-second poll into the figure.
     */
    private static int count(Folder inbox) throws jakarta.mail.MessagingException {
        try {
            ((IMAPFolder) inbox).doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
            return inbox.getMessageCount();
        } catch (jakarta.mail.FolderClosedException e) {
            // GreenMail 2.1 can drop a session whose NOOP races a delivery ("Need to do this
            // properly..."): the message has arrived, so ask again on a new connection
            Store store = inbox.getStore();
            store.close();
            store.connect();
            Folder again = store.getFolder("INBOX");
            again.open(Folder.READ_ONLY);
            int count = again.getMessageCount();
            again.close(false);
            return count;
        }
    }

    private static void report(String what, List<Long> micros) {
        Collections.sort(micros);
        System.out.printf("%s, %d sequential: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, micros.size(),
                at(micros, 0.5), at(micros, 0.9), at(micros, 0.99), micros.get(micros.size() - 1) / 1000.0);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1000.0;
    }

    static String loadAverage() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/loadavg")).substring(0, 14);
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
