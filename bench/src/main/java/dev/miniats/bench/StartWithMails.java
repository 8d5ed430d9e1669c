package dev.miniats.bench;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.mail.LocalMailServer;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.mail.StoredMail;
import dev.miniats.local.sqlite.Database;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The start with stored mails (issue #15): {@code seed} fills a data dir with {@code n} delivered
 * mails, {@code read} times a start in this JVM and the first IMAP read of one candidate's
 * mailbox after it. {@code bench/run.sh start-mails} times {@code ats up} → {@code Ready} on the
 * seeded dirs. A main program; not thread-safe.
 *
 * <p>The mails are the hiring functions' own (send-assessment, schedule-interview with its
 * calendar file, send-offer-letter), produced once through the real pipeline and then copied in
 * SQL, four to a candidate, as a workshop's candidates get a few mails each.
 */
public final class StartWithMails {
    private static final String[] TYPES = {"send-assessment", "schedule-interview", "send-offer-letter"};
    static final int MAILS_PER_CANDIDATE = 4;

    private StartWithMails() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "seed" -> seed(dir, Integer.parseInt(args[2]));
            case "read" -> read(dir, Integer.parseInt(args[2]));
            case "breakdown" -> breakdown(dir);
            default -> throw new IllegalArgumentException("usage: seed <data-dir> <mails> | read <data-dir> <runs> | breakdown <data-dir>");
        }
    }

    private static void seed(Path dir, int n) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dir).ephemeralPorts().build())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String type : TYPES) {
                HttpResponse<String> answer = http.send(putEvent(runtime.endpoint(), type), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200 || answer.body().contains("ErrorCode")) {
                    throw new IllegalStateException("PutEvents " + type + " failed: " + answer.body());
                }
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (runtime.mailStore().withStatus("delivered").size() < TYPES.length) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the template mails were not delivered in 60 s");
                }
                Thread.sleep(50);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mini-ats.db"))) {
            c.setAutoCommit(false);
            List<Long> templates = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT seq FROM mails ORDER BY seq")) {
                while (r.next()) {
                    templates.add(r.getLong(1));
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO mails (id, api, source, destinations, subject, raw, status, "
                    + "attempts, created_at, delivered_at, delivered_via) SELECT ?, api, source, ?, subject, raw, 'delivered', 1, "
                    + "created_at, delivered_at, 'embedded' FROM mails WHERE seq = ?")) {
                for (int i = 0; i < n; i++) {
                    s.setString(1, "seed-" + i);
                    s.setString(2, "[\"" + candidate(i / MAILS_PER_CANDIDATE) + "\"]");
                    s.setLong(3, templates.get(i % templates.size()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM mails WHERE seq = ?")) {
                for (long seq : templates) {
                    s.setLong(1, seq);
                    s.executeUpdate();
                }
            }
            c.commit();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), sum(length(raw)) FROM mails")) {
                r.next();
                System.out.printf("seeded %s: %d mails, %d bytes of MIME%n", dir, r.getLong(1), r.getLong(2));
            }
        }
    }

    /**
     * {@code runs} times: a start in this JVM on {@code dir} (median of the starts), then candidate 0's
     * INBOX over IMAP: login, select, count (the first read pays for whatever the start left undone).
     */
    private static void read(Path dir, int runs) throws Exception {
        List<Long> starts = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        int count = -1;
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dir).ephemeralPorts().build())) {
                long t1 = System.nanoTime();
                Store store = Session.getInstance(new Properties()).getStore("imap");
                store.connect("127.0.0.1", runtime.imapPort(), candidate(0), candidate(0));
                try {
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    count = inbox.getMessageCount();
                    inbox.close(false);
                } finally {
                    store.close();
                }
                long t2 = System.nanoTime();
                starts.add((t1 - t0) / 1_000_000);
                reads.add((t2 - t1) / 1_000);
            }
        }
        System.out.printf("cores %d, %s: start in this JVM median %d ms %s; then %s's INBOX (%d mails) read over IMAP median %.1f ms%n",
                Runtime.getRuntime().availableProcessors(), dir, median(starts), starts, candidate(0), count, median(reads) / 1000.0);
    }

    /**
     * Where a restore of every stored mail spends its time (what each start did before mailboxes
     * were restored on first use): reading the rows, parsing each message, handing it to GreenMail.
     * Three passes of each step; the last pass is printed (the JIT warm by then).
     */
    private static void breakdown(Path dir) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Database db = Database.open(dir, false); LocalMailServer server = new LocalMailServer("127.0.0.1", 0, 0)) {
            server.start();
            MailStore store = new MailStore(db);
            server.restore(store); // the appends go to fresh mailboxes: one index look-up each, nothing restored
            for (int pass = 0; pass < 3; pass++) {
                long t0 = System.nanoTime();
                List<StoredMail> mails = store.withStatus("delivered");
                long t1 = System.nanoTime();
                for (StoredMail mail : mails) {
                    new MimeMessage(session, new ByteArrayInputStream(mail.raw())).getAllHeaders();
                }
                long t2 = System.nanoTime();
                for (StoredMail mail : mails) {
                    server.deliver(mail.raw(), List.of("pass" + pass + "-" + mail.destinations().get(0)));
                }
                long t3 = System.nanoTime();
                System.out.printf("pass %d, %d mails: read rows %.0f ms, MIME parse %.0f ms, parse + GreenMail append %.0f ms "
                        + "(%.0f us per mail in all)%n", pass, mails.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                        (t3 - t0) / 1e3 / Math.max(1, mails.size()));
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String candidate(int i) {
        return "candidate" + i + "@example.com";
    }

    private static HttpRequest putEvent(URI endpoint, String type) {
        String detail = "{\\\"toEmail\\\":\\\"template@example.com\\\",\\\"fromEmail\\\":\\\"talent@example.com\\\","
                + "\\\"companyName\\\":\\\"Criteria Corp Testing\\\",\\\"candidateName\\\":\\\"Ada Lovelace\\\","
                + "\\\"interview\\\":{\\\"interviewId\\\":\\\"onsite-1\\\",\\\"start\\\":\\\"2026-12-10T14:00:00Z\\\"}}";
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "AWSEvents.PutEvents")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Entries\":[{\"Source\":\"mini-ats\",\"DetailType\":\"" + type
                        + "\",\"EventBusName\":\"mini-ats\",\"Detail\":\"" + detail + "\"}]}"))
                .build();
    }
}
