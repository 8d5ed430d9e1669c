package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost: the runtime runs as a separate process under PutEvents load from
 * several SDK clients and is killed with SIGKILL at random moments, then restarted on the same data
 * directory. Every EventId the clients got back must end up delivered, and seen by the target
 * ({@code ats-record} appends each invocation to a file before it returns). Deliveries seen more
 * than once are at-least-once duplicates; they are counted and reported, not failed.
 */
@Tag("e2e")
class DurabilityTest {
    private static final Pattern ENDPOINT = Pattern.compile("AWS endpoint: (http://127\\.0\\.0\\.1:\\d+)");
    private static final int KILLS = 10;
    private static final int CLIENT_THREADS = 4;

    @Test
    void every_acknowledged_event_is_delivered_after_ten_sigkills() throws Exception {
        Path data = Files.createTempDirectory("ats-durability");
        Random random = new Random(42);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        Running first = Running.start(data);
        try (EventBridgeClient client = client(first.endpoint)) {
            client.putRule(r -> r.name("durable").eventPattern("{\"source\":[\"durability\"]}"));
            client.putTargets(r -> r.rule("durable").targets(Target.builder().id("record")
                    .arn("arn:aws:lambda:us-east-1:000000000000:function:ats-record").build()));
        }
        Running running = first;
        for (int kill = 1; kill <= KILLS; kill++) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
            URI endpoint = running.endpoint;
            for (int t = 0; t < CLIENT_THREADS; t++) {
                clients.execute(() -> load(endpoint, stop, acknowledged));
            }
            Thread.sleep(1500 + random.nextInt(2000));
            running.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            running = Running.start(data);
        }

        try {
            Set<String> undelivered = new HashSet<>(acknowledged);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            HttpClient http = HttpClient.newHttpClient();
            while (!undelivered.isEmpty() && System.nanoTime() < deadline) {
                for (String id : List.copyOf(undelivered)) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(running.endpoint + "/_ats/events/" + id))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("acknowledged event %s is in the log", id).isEqualTo(200);
                    JsonNode deliveries = TestRuntime.json(response.body()).get("deliveries");
                    if (deliveries.size() == 1 && deliveries.get(0).get("status").asText().equals("delivered")) {
                        undelivered.remove(id);
                    }
                }
                if (!undelivered.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            Map<String, Integer> seen = new HashMap<>();
            for (String line : Files.readAllLines(data.resolve("recorded.jsonl"))) {
                if (!line.isBlank()) {
                    seen.merge(TestRuntime.json(line).get("id").asText(), 1, Integer::sum);
                }
            }
            long duplicates = seen.values().stream().filter(n -> n > 1).count();
            Set<String> neverSeen = new HashSet<>(acknowledged);
            neverSeen.removeAll(seen.keySet());
            System.out.printf("durability: kills=%d acknowledged=%d lost=%d undelivered=%d duplicates=%d (events delivered more than once)%n",
                    KILLS, acknowledged.size(), neverSeen.size(), undelivered.size(), duplicates);
            assertThat(acknowledged).hasSizeGreaterThan(KILLS * 10);
            assertThat(undelivered).as("acknowledged but not delivered").isEmpty();
            assertThat(neverSeen).as("acknowledged but never seen by the target").isEmpty();
        } finally {
            running.process.destroy();
            running.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Puts 10-entry batches until stopped or the runtime dies; records each EventId the runtime acknowledged. */
    private static void load(URI endpoint, AtomicBoolean stop, Set<String> acknowledged) {
        try (EventBridgeClient client = client(endpoint)) {
            List<PutEventsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(PutEventsRequestEntry.builder().source("durability").detailType("load").detail("{\"n\":" + i + "}").build());
            }
            while (!stop.get()) {
                PutEventsResponse response;
                try {
                    response = client.putEvents(r -> r.entries(batch));
                } catch (RuntimeException killed) {
                    return;
                }
                for (PutEventsResultEntry entry : response.entries()) {
                    if (entry.eventId() != null) {
                        acknowledged.add(entry.eventId());
                    }
                }
            }
        }
    }

    private static EventBridgeClient client(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(20)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The runtime as a child process: {@code java -cp <this test's class path> dev.miniats.local.Ats up ...}. */
    private record Running(Process process, URI endpoint) {
        static Running start(Path data) throws IOException, InterruptedException {
            Path log = Files.createTempFile(data.getParent(), "ats-durability", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.miniats.local.Ats", "up",
                    "--data-dir", data.toString(), "--port", "0", "--smtp-port", "0", "--imap-port", "0", "--xray-port", "0", "--time-scale", "0.001")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                Matcher m = ENDPOINT.matcher(Files.readString(log));
                if (m.find()) {
                    return new Running(process, URI.create(m.group(1)));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the runtime exited at start:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the runtime did not print its endpoint in time:\n" + Files.readString(log));
        }
    }
}
