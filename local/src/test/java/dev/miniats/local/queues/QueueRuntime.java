package dev.miniats.local.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.TestRuntime;
import dev.miniats.local.iam.AwsCli;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A runtime with the AWS CLI pointed at it, for tests that read queues as a user does; one per
 * test class ({@code @RegisterExtension static}). Not thread-safe.
 */
final class QueueRuntime implements BeforeAllCallback, AfterAllCallback {
    TestRuntime ats;
    AwsCli aws;
    private Path scratch;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        scratch = Files.createTempDirectory("ats-queues-cli");
        ats = TestRuntime.start(0.001);
        aws = AwsCli.local(ats.runtime.endpoint(), scratch);
    }

    /** Creates the queue with the CLI; returns its URL. */
    String queue(String name, String... options) {
        String[] args = new String[4 + options.length];
        args[0] = "sqs";
        args[1] = "create-queue";
        args[2] = "--queue-name";
        args[3] = name;
        System.arraycopy(options, 0, args, 4, options.length);
        return aws.ok(args).get("QueueUrl").asText();
    }

    /** Puts one event on the default bus with the SDK; returns its id. */
    String put(String source, String detail) {
        return ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source(source).detailType("t").detail(detail).build()))
                .entries().get(0).eventId();
    }

    /** The first message the CLI receives from the queue (all attributes and message attributes), waiting for one. */
    JsonNode receive(String url) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode messages = aws.ok("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All",
                    "--message-attribute-names", "All", "--wait-time-seconds", "1").path("Messages");
            found[0] = messages.isEmpty() ? null : messages.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (ats != null) {
            ats.close();
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
