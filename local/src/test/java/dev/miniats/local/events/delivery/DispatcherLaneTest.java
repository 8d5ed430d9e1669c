package dev.miniats.local.events.delivery;

import dev.miniats.local.events.EventLog;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.tracing.BusTracing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A burst for one function waits for that function's concurrency instead of being throttled and retried. */
class DispatcherLaneTest {
    @TempDir
    Path dir;

    @Test
    void a_burst_runs_at_most_the_function_concurrency_at_once_and_every_delivery_succeeds_at_its_first_attempt() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher.Invoker invoker = (function, event, trace, timedOut) -> {
            if (function.equals("other")) {
                other.incrementAndGet();
                return new byte[0];
            }
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return "{}".getBytes();
        };
        try (Database db = Database.open(dir, false);
             Dispatcher dispatcher = new Dispatcher(new EventLog(db), invoker, BusTracing.disabled(), Clock.systemUTC(), 0.001, 16)) {
            EventLog log = new EventLog(db);
            dispatcher.limitPerFunction(2);
            dispatcher.start();
            long now = System.currentTimeMillis();
            List<EventLog.NewEvent> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                events.add(new EventLog.NewEvent("e-" + i, "default", "s", "t", "{\"detail\":{}}", null, now,
                        List.of(new EventLog.NewDelivery("r", "t", "slow", null, null, 3, now + 60_000))));
            }
            events.add(new EventLog.NewEvent("e-other", "default", "s", "t", "{\"detail\":{}}", null, now,
                    List.of(new EventLog.NewDelivery("r", "t", "other", null, null, 3, now + 60_000))));
            List<Delivery> deliveries = log.append(events);
            dispatcher.submit(deliveries);

            await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 2 && other.get() == 1);
            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> log.pending().isEmpty());

            assertThat(most.get()).isEqualTo(2);
            for (Delivery d : deliveries) {
                DeliveryRecord record = log.delivery(d.id()).orElseThrow();
                assertThat(record.status()).isEqualTo("delivered");
                assertThat(record.attempts()).isEqualTo(1);
            }
        }
    }
}
