package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.events.delivery.DeliveryRecord;
import dev.miniats.local.sqlite.Database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The hiring workshop, once, through a runtime's own endpoints: what {@code ./ats} records its
 * class-data archive from ({@code up --train}). Without it the archive held only the classes a
 * start loads, and a user's first event loaded and verified some 3,200 more from the jar (the SDK's
 * request pipeline, Jakarta Mail, the templates, the PDF renderer, GreenMail's delivery) at every
 * start: the first send-assessment took 282–361 ms from PutEvents answered to readable over IMAP,
 * 118–156 ms with this archive (2 cores, idle).
 *
 * <p>It puts every detail type the functions handle (the brief's three-field payload, an interview
 * scheduled, moved and cancelled, an offer letter, a rejection, a partner's candidate), waits for
 * their deliveries, reads a mailbox over IMAP, invokes a function through the Lambda API, sends
 * with SES v2 and opens the console's pages, all over loopback, in the training run's throwaway
 * data directory. A step that fails throws, naming it. Not thread-safe.
 */
final class Rehearsal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final String FROM = "talent@example.com";
    private final LocalRuntime runtime;
    private final URI endpoint;

    Rehearsal(LocalRuntime runtime) {
        this.runtime = runtime;
        this.endpoint = runtime.endpoint();
    }

    /** Runs every step; returns how many mails ada@example.com's mailbox holds by then (5 when every step worked). */
    int run() throws IOException, InterruptedException {
        // first, so that a later step failing leaves it in: a new data dir runs no Flyway; the first start
        // after a rebuild does, with its classes from here
        Database.rehearseUpgrades(runtime.config().dataDir().resolve("upgrade-rehearsal"));
        Instant interview = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        settle(putEvents(
                entry("send-assessment", candidate("ada@example.com", "Criteria Corp Testing")),
                entry("send-offer-letter", candidate("grace@example.com", "Criteria Corp Testing")),
                entry("reject-candidate", candidate("linus@example.com", "Criteria Corp Testing").put("reason", "rehearsal")),
                entry("send-assessment", candidate("barbara@example.com", "Insight Partners"))));
        // one at a time: a reschedule or cancellation needs the interview the one before scheduled
        settle(putEvents(entry("schedule-interview", interview("ada@example.com", interview))));
        settle(putEvents(entry("reschedule-interview", interview("ada@example.com", interview.plus(1, ChronoUnit.DAYS)))));
        settle(putEvents(entry("cancel-interview", interview("ada@example.com", interview.plus(1, ChronoUnit.DAYS)))));
        post("/2015-03-31/functions/send-offer-letter/invocations", "application/json",
                candidate("edsger@example.com", "Criteria Corp Testing"), null);
        post("/v2/email/outbound-emails", "application/json", JSON.readTree("""
                {"FromEmailAddress":"talent@example.com","Destination":{"ToAddresses":["ada@example.com"]},
                 "Content":{"Simple":{"Subject":{"Data":"Rehearsal"},"Body":{"Text":{"Data":"Hello"}}}}}"""), null);
        int mails = readMailbox("ada@example.com");
        for (String page : List.of("/console", "/console/events", "/console/mail", "/console/rules", "/console/roster",
                "/console/logs", "/console/service-map")) {
            get(page);
        }
        return mails;
    }

    private ObjectNode candidate(String to, String company) {
        return JSON.createObjectNode().put("toEmail", to).put("fromEmail", FROM).put("companyName", company);
    }

    private ObjectNode interview(String to, Instant start) {
        ObjectNode detail = candidate(to, "Criteria Corp Testing");
        ObjectNode interview = detail.putObject("interview").put("interviewId", "rehearsal-1").put("start", start.toString())
                .put("timeZone", "Europe/Berlin");
        interview.putArray("interviewers").add("Grace Hopper");
        return detail;
    }

    private ObjectNode entry(String detailType, ObjectNode detail) {
        return JSON.createObjectNode().put("Source", "mini-ats").put("DetailType", detailType)
                .put("EventBusName", runtime.config().busName()).put("Detail", detail.toString());
    }

    /** PutEvents with {@code entries}; the ids of the events it accepted, or a failure naming the first entry refused. */
    private List<String> putEvents(ObjectNode... entries) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("Entries");
        for (ObjectNode e : entries) {
            list.add(e);
        }
        JsonNode answer = post("/", "application/x-amz-json-1.1", body, "AWSEvents.PutEvents");
        List<String> ids = new ArrayList<>();
        for (JsonNode e : answer.path("Entries")) {
            if (e.hasNonNull("ErrorCode")) {
                throw new IllegalStateException("PutEvents refused an entry: " + e);
            }
            ids.add(e.path("EventId").asText());
        }
        return ids;
    }

    /** Waits until no delivery of {@code eventIds} is pending; fails when one went dead or {@link #SETTLE} passed. */
    private void settle(List<String> eventIds) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        for (String id : eventIds) {
            while (true) {
                List<DeliveryRecord> deliveries = runtime.eventLog().deliveries(id);
                for (DeliveryRecord d : deliveries) {
                    if ("dead".equals(d.status())) {
                        throw new IllegalStateException("the delivery of " + id + " to " + d.target() + " failed: "
                                + d.lastErrorCode() + " " + d.lastErrorMessage());
                    }
                }
                if (!deliveries.isEmpty() && deliveries.stream().noneMatch(d -> "pending".equals(d.status()))) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the deliveries of " + id + " did not finish within " + SETTLE + ": " + deliveries);
                }
                Thread.sleep(5);
            }
        }
    }

    /** Logs in to {@code address}'s mailbox over IMAP, fetches its first mail, and returns the mailbox's message count. */
    private int readMailbox(String address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(runtime.config().bindAddress(), runtime.imapPort()), 5_000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            in.readLine(); // greeting
            imap(in, out, "a1 LOGIN \"" + address + "\" \"" + address + "\"");
            int exists = 0;
            for (String line : imap(in, out, "a2 SELECT INBOX")) {
                if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                    exists = Integer.parseInt(line.substring(2, line.length() - " EXISTS".length()));
                }
            }
            imap(in, out, "a3 FETCH 1 (FLAGS BODY.PEEK[])");
            imap(in, out, "a4 LOGOUT");
            return exists;
        }
    }

    /** Sends one tagged IMAP command and reads its lines up to the tagged answer, which must be OK. */
    private static List<String> imap(BufferedReader in, OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String tag = command.substring(0, command.indexOf(' ') + 1);
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(tag)) {
                if (!line.startsWith(tag + "OK")) {
                    throw new IllegalStateException("IMAP " + command.substring(tag.length()) + " answered: " + line);
                }
                return lines;
            }
            lines.add(line);
        }
        throw new IllegalStateException("IMAP closed the connection during " + command.substring(tag.length()));
    }

    private JsonNode post(String path, String contentType, JsonNode body, String target) throws IOException {
        HttpURLConnection c = open(path);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        if (target != null) {
            c.setRequestProperty("X-Amz-Target", target);
        }
        try (OutputStream out = c.getOutputStream()) {
            out.write(JSON.writeValueAsBytes(body));
        }
        return JSON.readTree(answer(c, "POST " + path));
    }

    private void get(String path) throws IOException {
        answer(open(path), "GET " + path);
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(30_000);
        return c;
    }

    private static byte[] answer(HttpURLConnection c, String request) throws IOException {
        int status = c.getResponseCode();
        InputStream stream = status < 400 ? c.getInputStream() : c.getErrorStream();
        byte[] body = stream == null ? new byte[0] : stream.readAllBytes();
        if (status != 200) {
            throw new IllegalStateException(request + " answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        return body;
    }

    /** Runs the rehearsal and reports how it went on standard error; never throws (a training run goes on without it). */
    static void runQuietly(LocalRuntime runtime) {
        long started = System.nanoTime();
        try {
            int mails = new Rehearsal(runtime).run();
            System.err.printf("Rehearsal done in %d ms (%d mails in the first mailbox).%n", (System.nanoTime() - started) / 1_000_000, mails);
        } catch (IOException | RuntimeException e) {
            System.err.println("Rehearsal stopped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
