package dev.miniats.bench;

import dev.miniats.local.LocalRuntime;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a durable PutEvents goes: drives the runtime closed-loop like {@link PutEventsBenchmark}
 * and reports, besides events per second, the CPU time each group of threads spent per event
 * (HTTP and bus on Jetty's threads, the SQLite committer, delivery workers, the function, the
 * client), read from the JVM's per-thread CPU clocks. Use it to see which part to work on; JMH
 * gives the headline figure.
 *
 * <p>{@code CpuBreakdown [entriesPerRequest] [clientThreads] [seconds]}
 */
public final class CpuBreakdown {
    private CpuBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        LocalRuntime runtime = BenchRuntime.start("ats-noop");
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("bench").detailType("send-assessment")
                .detail("{\"toEmail\":\"ada@example.com\",\"companyName\":\"Acme\",\"candidateId\":\"c-1\"}").build();
        PutEventsRequest request = PutEventsRequest.builder().entries(Collections.nCopies(batch, entry)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong events = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            EventBridgeClient client = BenchRuntime.client(runtime);
            Thread thread = new Thread(() -> {
                try (client) {
                    while (running.get()) {
                        client.putEvents(request);
                        events.addAndGet(batch);
                    }
                }
            }, "client-" + i);
            thread.start();
            clients.add(thread);
        }
        Thread.sleep(20_000); // JIT warm-up: C2 compiles for the first ~15 s on 2 cores
        ThreadMXBean threadsBean = ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = cpuByThread(threadsBean);
        long eventsBefore = events.get();
        long started = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long elapsed = System.nanoTime() - started;
        long measured = events.get() - eventsBefore;
        Map<Long, Long> after = cpuByThread(threadsBean);
        Map<String, Long> byGroup = new HashMap<>();
        after.forEach((id, cpu) -> {
            var info = threadsBean.getThreadInfo(id);
            if (info != null) {
                byGroup.merge(group(info.getThreadName()), cpu - before.getOrDefault(id, 0L), Long::sum);
            }
        });
        running.set(false);
        System.out.printf(Locale.ROOT, "cores %d, %d-entry requests, %d client threads: %.0f events/s%n",
                Runtime.getRuntime().availableProcessors(), batch, threads, measured / (elapsed / 1e9));
        long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() * 1000 > total)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %7.1f µs/event  %5.1f%% of a core%n", e.getKey(),
                        e.getValue() / 1e3 / measured, 100.0 * e.getValue() / elapsed));
        System.out.printf(Locale.ROOT, "  %-28s %7.1f µs/event  %5.1f%% of a core%n", "all threads", total / 1e3 / measured,
                100.0 * total / elapsed);
        for (Thread client : clients) {
            client.join(10_000);
        }
        runtime.close();
        System.exit(0);
    }

    private static Map<Long, Long> cpuByThread(ThreadMXBean bean) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : bean.getAllThreadIds()) {
            long nanos = bean.getThreadCpuTime(id);
            if (nanos > 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** A thread's name without its number: "delivery-3" → "delivery". */
    private static String group(String threadName) {
        if (threadName.startsWith("JettyServerThreadPool")) {
            return "http + bus (Jetty threads)";
        }
        if (threadName.startsWith("client-")) {
            return "client (AWS SDK)";
        }
        return threadName.replaceAll("[-_ #]?\\d+$", "");
    }
}
