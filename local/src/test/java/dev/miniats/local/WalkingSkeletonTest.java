package dev.miniats.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The brief's payload, put with the AWS SDK for Java v2, lands as one email in a real IMAP inbox. */
@Tag("e2e")
class WalkingSkeletonTest {
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static EventBridgeClient events;
    static Mailbox mailbox;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        events = EventBridgeClient.builder()
                .endpointOverride(runtime.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        mailbox = new Mailbox("127.0.0.1", runtime.imapPort());
    }

    @AfterAll
    static void stop() {
        events.close();
        runtime.close();
    }

    @ParameterizedTest(name = "{0} puts one email from the hiring team in the candidate''s inbox")
    @CsvSource({
            "send-assessment,    ada@example.com,   'Criteria Corp Testing: your assessment is ready, Ada'",
            "schedule-interview, grace@example.com, 'Interview with Criteria Corp Testing:'",
            "send-offer-letter,  linus@example.com, 'Your offer from Criteria Corp Testing'",
    })
    void each_detail_type_sends_exactly_one_email(String detailType, String to, String subjectStart) {
        String detail = "{\"toEmail\":\"" + to + "\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Criteria Corp Testing\"}";
        PutEventsResponse response = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .source("mini-ats").detailType(detailType).eventBusName("mini-ats").detail(detail).build()));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(response.entries().get(0).eventId()).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailbox.inbox(to).isEmpty());
        // Give a duplicate time to show up before asserting there is exactly one.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> mailbox.inbox(to).size() == 1);

        List<Mailbox.Mail> inbox = mailbox.inbox(to);
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).subject()).startsWith(subjectStart);
        assertThat(inbox.get(0).from()).contains("talent@example.com").contains("Criteria Corp Testing");
        assertThat(inbox.get(0).to()).contains(to);
    }
}
