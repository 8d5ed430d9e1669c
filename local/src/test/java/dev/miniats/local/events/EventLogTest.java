package dev.miniats.local.events;

import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.events.delivery.DeliveryRecord;

import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventLogTest {
    @TempDir
    Path dir;
    private Database db;

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyOutcomeOfABurstFromManyWorkersIsRecordedAndNothingStaysPending() throws Exception {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db);
        EventIds ids = new EventIds();
        List<EventLog.NewEvent> events = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 500; i++) {
            events.add(new EventLog.NewEvent(ids.next(now), "default", "test", "burst", "{\"n\":" + i + "}", null, now,
                    List.of(new EventLog.NewDelivery("r", "t", "ats-noop", null, null, 3, now + 60_000))));
        }
        List<Delivery> deliveries = log.append(events);
        assertThat(log.pending()).hasSize(500);

        ExecutorService workers = Executors.newFixedThreadPool(8);
        for (Delivery d : deliveries) {
            workers.execute(() -> log.markDelivered(d.id(), 1, "{\"ok\":" + d.id() + "}", now + 1));
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> log.pending().isEmpty());
        Delivery last = deliveries.get(deliveries.size() - 1);
        DeliveryRecord record = log.delivery(last.id()).orElseThrow();
        assertThat(record.status()).isEqualTo("delivered");
        assertThat(record.result()).isEqualTo("{\"ok\":" + last.id() + "}");
    }
}
