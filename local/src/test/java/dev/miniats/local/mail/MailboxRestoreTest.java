package dev.miniats.local.mail;

import dev.miniats.local.Mailbox;
import dev.miniats.local.sqlite.Database;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded mailboxes across restarts (issue #15): each mailbox gets its stored mails back
 * when it is first used, exactly once, in the order they were sent. Each "start" wires the real
 * SQLite store, GreenMail and the embedded delivery as {@code LocalRuntime} does (restore, then
 * resume of queued mail); mailboxes are read over IMAP.
 */
class MailboxRestoreTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Session SESSION = Session.getInstance(new Properties());

    @TempDir
    Path dir;

    /** One start of the mail side of the runtime on {@link #dir}. */
    private final class Start implements AutoCloseable {
        final Database db = Database.open(dir, false);
        final MailStore store = new MailStore(db);
        final LocalMailServer server = new LocalMailServer("127.0.0.1", 0, 0);
        final SmtpDelivery delivery;

        Start() {
            server.start();
            server.restore(store);
            delivery = SmtpDelivery.embedded(store, server, CLOCK, 0.01);
            delivery.resume();
        }

        void send(String subject, String... recipients) throws Exception {
            byte[] raw = mime(subject);
            String id = store.addOnce(newMail(subject, raw, recipients), CLOCK.millis(), 0);
            delivery.deliverStored(id, raw, List.of(recipients));
        }

        List<String> subjects(String address) {
            return new Mailbox("127.0.0.1", server.imapPort()).inbox(address).stream().map(Mailbox.Mail::subject).toList();
        }

        @Override
        public void close() {
            delivery.close();
            server.close();
            db.close(); // waits for the pending delivered marks
        }
    }

    @Test
    void each_delivered_mail_is_back_once_after_every_restart_in_the_order_it_was_sent() throws Exception {
        try (Start start = new Start()) {
            start.send("first", "ann@example.com", "bob@example.com");
            start.send("second", "ann@example.com");
            assertThat(start.subjects("ann@example.com")).containsExactly("first", "second");
        }
        for (int restart = 0; restart < 2; restart++) {
            try (Start start = new Start()) {
                assertThat(start.subjects("ann@example.com")).containsExactly("first", "second");
                assertThat(start.subjects("bob@example.com")).containsExactly("first");
            }
        }
    }

    @Test
    void a_start_reads_no_stored_mail_until_a_mailbox_is_used_and_then_only_that_one() throws Exception {
        try (Start start = new Start()) {
            start.send("for ann", "ann@example.com");
            start.send("for bob", "bob@example.com");
        }
        try (Start start = new Start()) {
            assertThat(start.server.hasMailbox("ann@example.com")).isFalse();
            assertThat(start.server.hasMailbox("bob@example.com")).isFalse();
            assertThat(start.subjects("Ann@Example.com")).as("a login in another case is the same mailbox").containsExactly("for ann");
            assertThat(start.server.hasMailbox("bob@example.com")).isFalse();
        }
    }

    @Test
    void a_mail_sent_to_a_mailbox_before_its_first_read_lands_after_its_restored_mails_and_stays_once() throws Exception {
        try (Start start = new Start()) {
            start.send("before the restart", "ann@example.com");
        }
        try (Start start = new Start()) {
            start.send("after the restart", "ann@example.com");
            assertThat(start.subjects("ann@example.com")).containsExactly("before the restart", "after the restart");
        }
        try (Start start = new Start()) {
            assertThat(start.subjects("ann@example.com")).containsExactly("before the restart", "after the restart");
        }
    }

    @Test
    void a_mail_left_queued_by_a_crash_is_delivered_once_by_the_next_start_and_restored_once_by_the_one_after() throws Exception {
        try (Start start = new Start()) {
            start.send("delivered", "ann@example.com");
            // stored by SES, the process dies before delivering it
            start.store.add(newMail("queued", mime("queued"), "ann@example.com"), CLOCK.millis());
        }
        try (Start start = new Start()) {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> start.store.withStatus("queued").isEmpty());
            assertThat(start.subjects("ann@example.com")).containsExactly("delivered", "queued");
        }
        try (Start start = new Start()) {
            assertThat(start.subjects("ann@example.com")).containsExactly("delivered", "queued");
        }
    }

    @Test
    void a_mail_relayed_elsewhere_is_not_put_into_a_local_mailbox() throws Exception {
        try (Start start = new Start()) {
            String id = start.store.addOnce(newMail("relayed", mime("relayed"), "ann@example.com"), CLOCK.millis(), 0);
            start.store.markDelivered(id, 1, "relay", CLOCK.millis());
        }
        try (Start start = new Start()) {
            start.send("local", "ann@example.com");
            assertThat(start.subjects("ann@example.com")).containsExactly("local");
        }
    }

    @Test
    void concurrent_first_uses_of_one_mailbox_restore_it_once() throws Exception {
        try (Start start = new Start()) {
            for (int i = 0; i < 20; i++) {
                start.send("stored " + i, "ann@example.com");
            }
        }
        try (Start start = new Start()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> uses = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    uses.add(pool.submit(() -> n % 2 == 0 ? start.subjects("ann@example.com") : sendQuietly(start, "new " + n)));
                }
                for (Future<?> use : uses) {
                    use.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> subjects = start.subjects("ann@example.com");
            assertThat(subjects).hasSize(24).doesNotHaveDuplicates();
            assertThat(subjects.subList(0, 20)).as("the restored mails come first, in order")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "stored " + i).toList());
        }
    }

    @Test
    void a_client_that_opens_its_mailbox_while_the_runtime_boots_gets_the_stored_mails() throws Exception {
        try (Start start = new Start()) {
            start.send("stored", "ann@example.com");
        }
        try (Database db = Database.open(dir, false); LocalMailServer server = new LocalMailServer("127.0.0.1", 0, 0)) {
            server.start(); // listening, as early in the boot as LocalRuntime starts it; nothing restored yet
            CompletableFuture<List<Mailbox.Mail>> read =
                    CompletableFuture.supplyAsync(() -> new Mailbox("127.0.0.1", server.imapPort()).inbox("ann@example.com"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.hasMailbox("ann@example.com")); // logged in
            server.restore(new MailStore(db));
            assertThat(read.get(30, TimeUnit.SECONDS)).extracting(Mailbox.Mail::subject).containsExactly("stored");
        }
    }

    @Test
    void a_data_dir_from_before_the_mailbox_index_gets_its_delivered_mails_back_and_its_queued_one_delivered() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("mini-ats.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("280").load().migrate();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("INSERT INTO mails (id, api, source, destinations, subject, raw, status, "
                     + "created_at, delivered_via) VALUES (?, 'SendRawEmail', 'hr@example.com', ?, ?, ?, ?, 0, ?)")) {
            Object[][] rows = {
                    {"[\"Ann@Example.com\",\"bob@example.com\"]", "to both", "delivered", "embedded"},
                    {"[\"ann@example.com\"]", "delivered before delivered_via", "delivered", null},
                    {"[\"ann@example.com\"]", "relayed", "delivered", "relay"},
                    {"[\"ann@example.com\"]", "queued", "queued", null}};
            for (Object[] row : rows) {
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, (String) row[0]);
                s.setString(3, (String) row[1]);
                s.setBytes(4, mime((String) row[1]));
                s.setString(5, (String) row[2]);
                s.setString(6, (String) row[3]);
                s.executeUpdate();
            }
        }
        try (Start start = new Start()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> start.store.withStatus("queued").isEmpty());
            assertThat(start.subjects("ann@example.com")).containsExactly("to both", "delivered before delivered_via", "queued");
            assertThat(start.subjects("bob@example.com")).containsExactly("to both");
        }
    }

    private static Object sendQuietly(Start start, String subject) {
        try {
            start.send(subject, "ann@example.com");
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MailStore.NewMail newMail(String subject, byte[] raw, String... recipients) {
        return new MailStore.NewMail(UUID.randomUUID().toString(), "SendRawEmail", "hr@example.com", List.of(recipients), subject,
                raw, null);
    }

    private static byte[] mime(String subject) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("hr@example.com");
        message.setSubject(subject);
        message.setText("Hello");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
