package dev.miniats.local.events.delivery;

import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.tracing.BusTracing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A built-in function runs on the delivery worker itself; one that hangs past its timeout costs the
 * dispatcher neither that attempt's outcome nor a worker.
 */
class DispatcherTimeoutTest {
    @TempDir
    Path dir;

    private static FunctionRegistry registry(long timeoutMillis) {
        return new FunctionRegistry(FunctionEnvironment.local(URI.create("http://127.0.0.1:1"), Clock.systemUTC(),
                EmailTemplates.builtIn()), "000000000000", "us-east-1", BusTracing.disabled(), 10, timeoutMillis);
    }

    /** An event received at {@code now} with one delivery to {@code function}, tried at most 3 times until {@code expiresAt}. */
    private static EventLog.NewEvent event(String id, String function, long now, long expiresAt) {
        return new EventLog.NewEvent(id, "default", "s", "t", "{\"detail\":{}}", null, now,
                List.of(new EventLog.NewDelivery("r", "t", function, null, null, 3, expiresAt)));
    }

    @Test
    void a_function_hanging_past_its_timeout_on_the_only_worker_is_retried_while_other_deliveries_go_on() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (Database db = Database.open(dir, false);
             FunctionRegistry functions = registry(1000);
             Dispatcher dispatcher = new Dispatcher(new EventLog(db), functions::invokeHere, BusTracing.disabled(), Clock.systemUTC(),
                     0.001, 1)) {
            functions.register("hang-once", (in, out, context) -> {
                if (calls.incrementAndGet() == 1) {
                    while (true) {
                        try {
                            if (release.await(30, TimeUnit.SECONDS)) {
                                break;
                            }
                        } catch (InterruptedException ignored) {
                            // hangs on as a function deaf to interrupts would
                        }
                    }
                }
                out.write("{}".getBytes());
            });
            EventLog log = new EventLog(db);
            dispatcher.start();
            long now = System.currentTimeMillis();
            List<Delivery> deliveries = log.append(List.of(
                    event("e-hang", "hang-once", now, now + 60_000), event("e-echo", "ats-echo", now, now + 60_000)));
            dispatcher.submit(deliveries);

            await().atMost(Duration.ofSeconds(10)).until(() -> log.pending().isEmpty());
            DeliveryRecord hung = log.delivery(deliveries.get(0).id()).orElseThrow();
            assertThat(hung.status()).isEqualTo("delivered");
            assertThat(hung.attempts()).isEqualTo(2);
            assertThat(log.delivery(deliveries.get(1).id()).orElseThrow().status()).isEqualTo("delivered");
            assertThat(calls).hasValue(2);
            assertThat(dispatcher.workerPoolSize()).isEqualTo(2); // the hung worker is replaced, not counted

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.workerPoolSize() == 1);
            List<Delivery> later = log.append(List.of(event("e-later", "hang-once", System.currentTimeMillis(), now + 60_000)));
            dispatcher.submit(later);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.pending().isEmpty());
            assertThat(log.delivery(later.get(0).id()).orElseThrow().attempts()).isEqualTo(1);
        }
    }

    @Test
    void closing_waits_for_attempts_in_progress_but_not_for_a_worker_let_go_in_a_hung_function() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Database db = Database.open(dir, false);
             FunctionRegistry functions = registry(500)) {
            functions.register("hang", (in, out, context) -> {
                while (release.getCount() > 0) {
                    LockSupport.parkNanos(10_000_000); // deaf to the interrupt
                }
            });
            Dispatcher dispatcher = new Dispatcher(new EventLog(db), functions::invokeHere, BusTracing.disabled(), Clock.systemUTC(),
                    1.0, 2);
            EventLog log = new EventLog(db);
            dispatcher.start();
            long now = System.currentTimeMillis();
            List<Delivery> deliveries = log.append(List.of(event("e-hang", "hang", now, now + 600_000)));
            dispatcher.submit(deliveries);
            await().atMost(Duration.ofSeconds(10)).until(() -> "Sandbox.Timedout".equals(
                    log.delivery(deliveries.get(0).id()).orElseThrow().lastErrorCode()));

            long started = System.nanoTime();
            dispatcher.close();
            long closedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(closedMillis).isLessThan(5_000); // it waited its whole 10 s before
            assertThat(log.delivery(deliveries.get(0).id()).orElseThrow().status()).isEqualTo("pending"); // retried at the next start
        } finally {
            release.countDown();
        }
    }
}
