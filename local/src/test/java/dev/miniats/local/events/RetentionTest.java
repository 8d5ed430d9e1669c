package dev.miniats.local.events;

import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RetentionTest {
    @TempDir
    Path dir;
    private Database db;
    private Database telemetry;

    @AfterEach
    void close() {
        db.close();
        telemetry.close();
    }

    @Test
    void old_events_age_out_unless_a_delivery_is_pending_or_an_archive_covers_them() {
        db = Database.open(dir, false);
        telemetry = Database.openTelemetry(dir, false);
        EventLog log = new EventLog(db);
        long now = System.currentTimeMillis();
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO archives (name, bus, retention_days, created_at) VALUES ('kept', 'archived', 0, 0)");
            }
        });
        List<String> ids = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "event-" + i;
            ids.add(id);
            String bus = i == 4 ? "archived" : "default";
            deliveries.addAll(log.append(List.of(new EventLog.NewEvent(id, bus, "test", "t", "{\"detail\":{}}", null, now,
                    List.of(new EventLog.NewDelivery("rule", "target", "fn", null, null, 3, now + 60_000))))));
        }
        for (Delivery d : deliveries) {
            if (!d.eventId().equals("event-3")) {
                log.markDelivered(d.id(), 1, "{}", now);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> log.delivery(deliveries.get(19).id()).orElseThrow().status().equals("delivered"));
        insertSpans(30);
        Retention retention = new Retention(log, db, telemetry, 5, 10, Clock.systemUTC());
        assertThat(log.agedOut()).isEmpty();

        assertThat(retention.prune()).isEqualTo(13);

        assertThat(log.event("event-0")).isEmpty();
        assertThat(log.deliveries("event-0")).isEmpty();
        assertThat(log.event("event-3")).as("its delivery is still pending").isPresent();
        assertThat(log.event("event-4")).as("an archive covers it").isPresent();
        assertThat(ids.subList(15, 20)).allMatch(id -> log.event(id).isPresent());
        assertThat(log.agedOut()).get().asString().contains("newest 5 events");
        assertThat(spanCount()).isEqualTo(10);
        assertThat(retention.prune()).as("a second pass finds nothing new").isZero();
    }

    private void insertSpans(int n) {
        telemetry.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO spans (trace_id, span_id, name, start_nano, end_nano, status, attributes)"
                    + " VALUES ('t', ?, 's', ?, ?, 'OK', '{}')")) {
                for (int i = 0; i < n; i++) {
                    s.setString(1, "span-" + i);
                    s.setLong(2, i);
                    s.setLong(3, i + 1);
                    s.executeUpdate();
                }
            }
            return n;
        });
    }

    private long spanCount() {
        return telemetry.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM spans")) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
