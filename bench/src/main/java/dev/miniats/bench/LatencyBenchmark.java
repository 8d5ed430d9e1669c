package dev.miniats.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.LocalRuntime;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * PutEvents → function start latency at a fixed arrival rate (default 1,000 events/s, open loop):
 * a pacer thread releases one request every {@code 1/rate × batch} seconds whether or not earlier
 * ones have answered, and a pool of senders (each with its own SDK client) sends them. Each entry
 * carries {@code System.nanoTime()} taken just before its SDK call; an in-process probe function
 * records {@code now - stamp} when its handler starts. A request the pacer could not hand to a free
 * sender within its slot is counted as missed, so a saturated runtime shows up as an achieved rate
 * below the target instead of as hidden queueing.
 *
 * <p>{@code LatencyBenchmark [eventsPerSecond] [seconds] [entriesPerRequest]}; JMH's closed-loop
 * modes do not fit an open-loop rate, so this is a plain program.
 */
public final class LatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENDERS = 32;

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int warmupSeconds = 20; // C2 is still compiling the SDK, Jetty and the bus for the first ~15 s on 2 cores
        LocalRuntime runtime = BenchRuntime.start("probe");
        List<Long> samples = new ArrayList<>();
        List<Long> answers = new ArrayList<>();
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        runtime.functions().register("probe", (in, out, context) -> {
            long now = System.nanoTime();
            long sent = JSON.readTree(in).path("detail").path("sent").asLong();
            if (sent >= measureFrom.get()) {
                synchronized (samples) {
                    samples.add(now - sent);
                }
            }
            out.write(new byte[]{'{', '}'});
        });
        BlockingQueue<EventBridgeClient> idle = new ArrayBlockingQueue<>(SENDERS);
        List<EventBridgeClient> clients = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            EventBridgeClient client = BenchRuntime.client(runtime);
            clients.add(client);
            idle.add(client);
        }
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        AtomicLong sent = new AtomicLong();
        AtomicLong missed = new AtomicLong();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) * batch / rate;
        long start = System.nanoTime();
        long measureStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureStart + TimeUnit.SECONDS.toNanos(seconds);
        measureFrom.set(measureStart);
        long sentAtMeasureStart = -1;
        for (long slot = start; slot < end; slot += periodNanos) {
            long wait = slot - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (sentAtMeasureStart < 0 && slot >= measureStart) {
                sentAtMeasureStart = sent.get();
            }
            EventBridgeClient client = idle.poll();
            if (client == null) {
                if (slot >= measureStart) {
                    missed.incrementAndGet();
                }
                continue;
            }
            senders.execute(() -> {
                try {
                    long stamp = System.nanoTime();
                    PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("bench").detailType("latency")
                            .detail("{\"sent\":" + stamp + "}").build();
                    List<PutEventsRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        entries.add(entry);
                    }
                    client.putEvents(PutEventsRequest.builder().entries(entries).build());
                    long answered = System.nanoTime();
                    if (stamp >= measureStart) {
                        synchronized (answers) {
                            answers.add(answered - stamp);
                        }
                    }
                    sent.addAndGet(batch);
                } finally {
                    idle.add(client);
                }
            });
        }
        long achieved = (sent.get() - Math.max(0, sentAtMeasureStart)) / seconds;
        senders.shutdown();
        senders.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(1000);
        List<Long> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        sorted.sort(Long::compare);
        System.out.printf(Locale.ROOT, "latency: target %d events/s in requests of %d, achieved %d events/s (%d requests missed"
                        + " their slot), %d samples over %d s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                rate, batch, achieved, missed.get(), sorted.size(), seconds, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        synchronized (answers) {
            answers.sort(Long::compare);
            System.out.printf(Locale.ROOT, "  PutEvents answered (committed) in: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    ms(answers, 0.50), ms(answers, 0.90), ms(answers, 0.99));
        }
        clients.forEach(EventBridgeClient::close);
        runtime.close();
        System.exit(0);
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
