package dev.miniats.local.ses;

import dev.miniats.core.mail.MimeEmails;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local SES sends one message per {@value MimeEmails#MESSAGE_KEY_HEADER}: a repeat, however
 * concurrent, answers the first MessageId and stores and delivers nothing.
 */
class MessageKeyTest {
    private static TestRuntime test;
    private static SesV2Client ses;

    @BeforeAll
    static void start() {
        test = TestRuntime.start();
        ses = SesV2Client.builder().endpointOverride(test.runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        ses.close();
        test.close();
    }

    private static String sendRaw(String to, String messageKey) {
        String mime = "From: talent@example.com\r\nTo: " + to + "\r\nSubject: Your assessment\r\n"
                + (messageKey == null ? "" : MimeEmails.MESSAGE_KEY_HEADER + ": " + messageKey + "\r\n") + "\r\nHello\r\n";
        return ses.sendEmail(r -> r.content(c -> c.raw(raw -> raw.data(SdkBytes.fromString(mime, StandardCharsets.UTF_8)))))
                .messageId();
    }

    private static <T> List<T> atOnce(int n, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fifty_identical_sends_at_once_store_one_mail_and_all_answer_its_message_id() throws Exception {
        List<String> answers = atOnce(50, () -> sendRaw("fifty@example.com", "effect-fifty"));

        assertThat(new HashSet<>(answers)).hasSize(1);
        assertThat(Mailbox.await(test.runtime.imapPort(), "fifty@example.com", 1)).hasSize(1);
        assertThat(test.runtime.mailStore().listed(null, null)).filteredOn(m -> m.destinations().contains("fifty@example.com"))
                .singleElement().satisfies(m -> assertThat(m.id()).isEqualTo(answers.get(0)));
    }

    @Test
    void messages_without_a_key_or_with_different_keys_are_each_sent() {
        Set<String> ids = new HashSet<>(List.of(sendRaw("plain@example.com", null), sendRaw("plain@example.com", null),
                sendRaw("plain@example.com", "effect-a"), sendRaw("plain@example.com", "effect-b")));

        assertThat(ids).hasSize(4);
        assertThat(Mailbox.await(test.runtime.imapPort(), "plain@example.com", 4)).hasSize(4);
    }

    @Test
    void fifty_identical_send_assessment_events_at_once_send_one_mail() throws Exception {
        String detail = "{\"toEmail\":\"identical@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}";
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("mini-ats").detailType("send-assessment")
                .eventBusName("mini-ats").detail(detail).build();
        List<String> eventIds = atOnce(50, () -> test.events.putEvents(r -> r.entries(entry)).entries().get(0).eventId());
        assertThat(eventIds).doesNotContainNull().doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(60)).until(() -> eventIds.stream().allMatch(MessageKeyTest::delivered));
        assertThat(Mailbox.await(test.runtime.imapPort(), "identical@example.com", 1)).hasSize(1);
    }

    private static boolean delivered(String eventId) {
        var deliveries = test.getJson("/_ats/events/" + eventId).get("deliveries");
        return !deliveries.isEmpty() && java.util.stream.StreamSupport.stream(deliveries.spliterator(), false)
                    .allMatch(d -> "delivered".equals(d.path("status").asText()));
    }

    @Test
    void a_key_is_remembered_for_its_window_and_sent_again_after_it(@TempDir Path dir) {
        try (Database db = Database.open(dir, false)) {
            MailStore store = new MailStore(db);
            long window = Duration.ofHours(24).toMillis();
            String first = store.addOnce(mail("m-1", "effect-w"), 1_000, window);
            String repeat = store.addOnce(mail("m-2", "effect-w"), 1_000 + window - 1, window);
            String later = store.addOnce(mail("m-3", "effect-w"), 1_000 + window, window);
            String afterThat = store.addOnce(mail("m-4", "effect-w"), 1_000 + window + 5, window);

            assertThat(List.of(first, repeat, later, afterThat)).containsExactly("m-1", "m-1", "m-3", "m-3");
            assertThat(store.count()).isEqualTo(2);
        }
    }

    private static MailStore.NewMail mail(String id, String key) {
        return new MailStore.NewMail(id, "test", "talent@example.com", List.of("w@example.com"), "s",
                "Subject: s\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8), null, key);
    }
}
