package dev.miniats.local;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * Measures, in one run: PutEvents (AWS SDK v2) → the email readable over IMAP, for the first
 * (cold) event and then N warm ones, sequentially. Run with scripts/measure-walking-skeleton.sh.
 */
public final class MeasureWalkingSkeleton {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("ats-measure");
        long bootStart = System.nanoTime();
        try (LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dir).ephemeralPorts().build());
             EventBridgeClient events = EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            System.out.printf("in-process start to ready: %d ms%n", (System.nanoTime() - bootStart) / 1_000_000);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                String to = "candidate" + i + "@example.com";
                long t0 = System.nanoTime();
                events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType("send-assessment")
                        .eventBusName("mini-ats").detail("{\"toEmail\":\"" + to + "\",\"fromEmail\":\"talent@example.com\","
                                + "\"companyName\":\"Criteria Corp Testing\"}").build()));
                waitForMail(runtime.imapPort(), to);
                long micros = (System.nanoTime() - t0) / 1_000;
                if (i == 0) {
                    System.out.printf("first (cold) PutEvents -> IMAP: %.1f ms%n", micros / 1000.0);
                } else {
                    warm.add(micros);
                }
            }
            Collections.sort(warm);
            System.out.printf("warm PutEvents -> IMAP over %d events: p50 %.1f ms, p90 %.1f ms, max %.1f ms%n", warm.size(),
                    warm.get(warm.size() / 2) / 1000.0, warm.get((int) (warm.size() * 0.9)) / 1000.0, warm.get(warm.size() - 1) / 1000.0);
        }
    }

    /** Polls the inbox over IMAP every millisecond or so until a message is there. */
    private static void waitForMail(int imapPort, String address) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        Session session = Session.getInstance(new Properties());
        while (System.currentTimeMillis() < deadline) {
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", imapPort, address, address);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                int count = inbox.getMessageCount();
                inbox.close(false);
                if (count > 0) {
                    return;
                }
            } catch (jakarta.mail.AuthenticationFailedException notYet) {
                // the mailbox is created on first delivery
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no mail for " + address + " within 30 s");
    }
}
