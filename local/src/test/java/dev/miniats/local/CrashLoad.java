package dev.miniats.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * PutEvents load of every hiring detail-type against whichever runtime is up, for the crash
 * test: each event gets its own number n, written into {@code companyName} ("Co N{n}Z"), which
 * every subject template shows, so a mail names the one event it answers. Interviews go through
 * schedule → reschedule → cancel, each step put only once the step before was delivered (the
 * bus, like EventBridge, does not order events, so the chain orders itself); partner candidates
 * get two events for one testing day. Only events the runtime acknowledged with an EventId are
 * remembered; a step that was not acknowledged ends its chain.
 * Thread-safe.
 */
final class CrashLoad {
    static final String PARTNER = "Insight Partners";
    static final String TESTING_DAY = "2027-01-15";
    static final List<String> MAIL_TYPES = List.of("send-assessment", "schedule-interview", "reschedule-interview",
            "cancel-interview", "send-offer-letter");

    /** A step of an interview's chain, acknowledged as {@code eventId}. */
    private record Step(String candidateId, String eventId) {
    }

    /** An acknowledged event: its number, detail-type, and the candidate it concerns. */
    record Sent(int n, String detailType, String candidateId, boolean partner) {
        /** The mailbox its mail goes to: one per detail-type. */
        String mailbox() {
            return mailboxOf(detailType);
        }
    }

    private final AtomicReference<URI> endpoint = new AtomicReference<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger numbers = new AtomicInteger();
    private final Map<String, Sent> acknowledged = new ConcurrentHashMap<>();
    private final Queue<Step> scheduled = new ConcurrentLinkedQueue<>();
    private final Queue<Step> rescheduled = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Thread> threads = new ArrayList<>();
    private final long pauseMillis;

    CrashLoad(int clients, long pauseMillis) {
        this.pauseMillis = pauseMillis;
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::run, "crash-load-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    static String mailboxOf(String detailType) {
        return detailType + "@crash.example";
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** Points the clients at a runtime that is up; null while none is. */
    void target(URI runtime) {
        endpoint.set(runtime);
    }

    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    /** How many events were acknowledged so far. */
    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Every acknowledged event by EventId. */
    Map<String, Sent> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    private void run() {
        URI current = null;
        EventBridgeClient client = null;
        int round = 0;
        while (!stop.get()) {
            URI target = endpoint.get();
            if (target == null) {
                pause(50);
                continue;
            }
            if (!target.equals(current)) {
                if (client != null) {
                    client.close();
                }
                client = client(target);
                current = target;
            }
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            List<Sent> sent = new ArrayList<>();
            round++;
            add(entries, sent, "send-assessment", "a-" + numbers.incrementAndGet(), null, false);
            add(entries, sent, "schedule-interview", "i-" + numbers.incrementAndGet(), "2026-12-10T10:00:00Z", false);
            String toReschedule = nextDelivered(scheduled, target);
            if (toReschedule != null) {
                add(entries, sent, "reschedule-interview", toReschedule, "2026-12-11T15:30:00Z", false);
            }
            String toCancel = nextDelivered(rescheduled, target);
            if (toCancel != null) {
                add(entries, sent, "cancel-interview", toCancel, "2026-12-11T15:30:00Z", false);
            }
            if (round % 4 == 0) {
                add(entries, sent, "send-offer-letter", "o-" + numbers.incrementAndGet(), null, false);
            }
            String partner = "p-" + numbers.incrementAndGet();
            add(entries, sent, "send-assessment", partner, null, true);
            add(entries, sent, "schedule-interview", partner, "2026-12-12T09:00:00Z", true);
            PutEventsResponse response;
            try {
                response = client.putEvents(r -> r.entries(entries));
            } catch (RuntimeException downOrKilled) {
                pause(100);
                continue;
            }
            for (int i = 0; i < sent.size(); i++) {
                String eventId = response.entries().get(i).eventId();
                Sent s = sent.get(i);
                if (eventId == null) {
                    continue;
                }
                acknowledged.put(eventId, s);
                if (!s.partner() && s.detailType().equals("schedule-interview")) {
                    scheduled.add(new Step(s.candidateId(), eventId));
                } else if (s.detailType().equals("reschedule-interview")) {
                    rescheduled.add(new Step(s.candidateId(), eventId));
                }
            }
            pause(pauseMillis);
        }
        if (client != null) {
            client.close();
        }
    }

    /** The candidate of the first step in {@code queue} whose event was delivered, taken off it; the others stay. */
    private String nextDelivered(Queue<Step> queue, URI runtime) {
        for (int i = 0, n = Math.min(queue.size(), 4); i < n; i++) {
            Step step = queue.poll();
            if (step == null) {
                return null;
            }
            if (delivered(runtime, step.eventId())) {
                return step.candidateId();
            }
            queue.add(step);
        }
        return null;
    }

    private boolean delivered(URI runtime, String eventId) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.resolve("/_ats/events/" + eventId))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            var deliveries = TestRuntime.json(response.body()).get("deliveries");
            return !deliveries.isEmpty() && java.util.stream.StreamSupport.stream(deliveries.spliterator(), false)
                    .allMatch(d -> "delivered".equals(d.path("status").asText()));
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void add(List<PutEventsRequestEntry> entries, List<Sent> sent, String detailType, String candidateId, String start,
                     boolean partner) {
        int n = numbers.incrementAndGet();
        String company = partner ? PARTNER : "Co N" + n + "Z";
        StringBuilder detail = new StringBuilder("{\"toEmail\":\"").append(partner ? "partner@crash.example" : mailboxOf(detailType))
                .append("\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"").append(company)
                .append("\",\"candidateId\":\"").append(candidateId).append("\",\"candidateName\":\"Candidate ").append(n).append('"');
        if (start != null) {
            detail.append(",\"interview\":{\"interviewId\":\"onsite\",\"start\":\"").append(start).append("\"}");
        }
        if (partner) {
            detail.append(",\"partner\":{\"testingDay\":\"").append(TESTING_DAY).append("\"}");
        }
        detail.append('}');
        entries.add(PutEventsRequestEntry.builder().source("mini-ats").eventBusName("mini-ats").detailType(detailType)
                .detail(detail.toString()).build());
        sent.add(new Sent(n, detailType, candidateId, partner));
    }

    private static EventBridgeClient client(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                // No SDK retry: an entry counts only when this very call was acknowledged.
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)).apiCallTimeout(Duration.ofSeconds(10)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
