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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A built-in function runs on the delivery worker itself; one that hangs past its timeout costs the
 * dispatcher neither that attempt's outcome nor a worker.
 */
class DispatcherTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void a_function_hanging_past_its_timeout_on_the_only_worker_is_retried_while_other_deliveries_go_on() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (Database db = Database.open(dir, false);
             FunctionRegistry functions = new FunctionRegistry(FunctionEnvironment.local(URI.create("http://127.0.0.1:1"),
                     Clock.systemUTC(), EmailTemplates.builtIn()), "000000000000", "us-east-1", BusTracing.disabled(), 10, 300);
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
                    new EventLog.NewEvent("e-hang", "default", "s", "t", "{\"detail\":{}}", null, now,
                            List.of(new EventLog.NewDelivery("r", "t", "hang-once", null, null, 3, now + 60_000))),
                    new EventLog.NewEvent("e-echo", "default", "s", "t", "{\"detail\":{}}", null, now,
                            List.of(new EventLog.NewDelivery("r", "t", "ats-echo", null, null, 3, now + 60_000)))));
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
            List<Delivery> later = log.append(List.of(new EventLog.NewEvent("e-later", "default", "s", "t", "{\"detail\":{}}", null,
                    System.currentTimeMillis(), List.of(new EventLog.NewDelivery("r", "t", "hang-once", null, null, 3, now + 60_000)))));
            dispatcher.submit(later);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.pending().isEmpty());
            assertThat(log.delivery(later.get(0).id()).orElseThrow().attempts()).isEqualTo(1);
        }
    }
}
