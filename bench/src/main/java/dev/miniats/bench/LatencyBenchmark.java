package dev.miniats.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.LocalRuntime;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PutEvents → function start latency at a fixed arrival rate (default 1,000 events/s, single
 * entries, open loop): the client stamps {@code System.nanoTime()} into the detail just before the
 * SDK call, and an in-process probe function records {@code now - stamp} when its handler starts.
 * An open-loop rate does not fit JMH's closed-loop modes, so this is a plain program:
 * {@code LatencyBenchmark [eventsPerSecond] [seconds]}.
 */
public final class LatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmupSeconds = 5;
        LocalRuntime runtime = BenchRuntime.start("probe");
        List<Long> samples = new ArrayList<>();
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
        int senders = 8;
        long periodMicros = 1_000_000L * senders / rate;
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(senders);
        List<EventBridgeClient> clients = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        for (int i = 0; i < senders; i++) {
            EventBridgeClient client = BenchRuntime.client(runtime);
            clients.add(client);
            pool.scheduleAtFixedRate(() -> {
                long stamp = System.nanoTime();
                client.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("bench").detailType("latency")
                        .detail("{\"sent\":" + stamp + "}").build()));
                sent.incrementAndGet();
            }, i * periodMicros / senders, periodMicros, TimeUnit.MICROSECONDS);
        }
        Thread.sleep(warmupSeconds * 1000L);
        measureFrom.set(System.nanoTime());
        long sentBefore = sent.get();
        Thread.sleep(seconds * 1000L);
        long achieved = (sent.get() - sentBefore) / seconds;
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(1000);
        List<Long> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        sorted.sort(Long::compare);
        System.out.printf(Locale.ROOT, "latency: target %d events/s, achieved %d events/s, %d samples over %d s: "
                        + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                rate, achieved, sorted.size(), seconds, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
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
