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

    @Test
    void appended_deliveries_carry_the_ids_their_rows_got_also_after_rows_were_deleted() {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db);
        EventIds ids = new EventIds();
        long now = System.currentTimeMillis();
        List<Delivery> first = log.append(List.of(event(ids.next(now), now, 2)));
        // the newest rows go: AUTOINCREMENT must not hand their ids out again, and the append must know it
        db.write(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM deliveries WHERE id = " + first.get(1).id());
            }
        });
        List<EventLog.NewEvent> events = List.of(event(ids.next(now), now, 1), event(ids.next(now), now, 0), event(ids.next(now), now, 3));
        List<Delivery> created = log.append(events);

        assertThat(created).hasSize(4);
        assertThat(created.get(0).id()).isGreaterThan(first.get(1).id());
        for (Delivery d : created) {
            DeliveryRecord row = log.delivery(d.id()).orElseThrow();
            assertThat(row.eventId()).isEqualTo(d.eventId());
            assertThat(row.target()).isEqualTo(d.target());
        }
        assertThat(created).extracting(Delivery::eventId)
                .containsExactly(events.get(0).id(), events.get(2).id(), events.get(2).id(), events.get(2).id());
        assertThat(created).extracting(Delivery::target).containsExactly("t0", "t0", "t1", "t2");
    }

    @Test
    void appends_from_many_threads_at_once_each_get_exactly_their_own_deliveries_with_their_rows_ids() throws Exception {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db);
        EventIds ids = new EventIds();
        long now = System.currentTimeMillis();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<List<Object>>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int targets = i % 4; // some appends create no delivery at all
                calls.add(callers.submit(() -> {
                    List<EventLog.NewEvent> mine = List.of(event(ids.next(now), now, targets), event(ids.next(now), now, 1));
                    return List.of(mine, log.append(mine));
                }));
            }
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (java.util.concurrent.Future<List<Object>> call : calls) {
                @SuppressWarnings("unchecked") List<EventLog.NewEvent> mine = (List<EventLog.NewEvent>) call.get().get(0);
                @SuppressWarnings("unchecked") List<Delivery> got = (List<Delivery>) call.get().get(1);
                List<String> expected = new ArrayList<>();
                mine.forEach(e -> e.deliveries().forEach(d -> expected.add(e.id() + " " + d.target())));
                assertThat(got).extracting(d -> d.eventId() + " " + d.target()).containsExactlyElementsOf(expected);
                for (Delivery d : got) {
                    assertThat(seen.add(d.id())).as("delivery id %s handed out once", d.id()).isTrue();
                    DeliveryRecord row = log.delivery(d.id()).orElseThrow();
                    assertThat(row.eventId() + " " + row.target()).isEqualTo(d.eventId() + " " + d.target());
                }
            }
            assertThat(log.count()).isEqualTo(800);
            assertThat(log.pending()).hasSize(seen.size());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_write_that_fails_fails_every_append_that_joined_it_and_stores_none_of_them() throws Exception {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db);
        long now = System.currentTimeMillis();
        log.append(List.of(event("taken", now, 1)));
        // hold the writer so the next appends queue up and join one write
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        db.writeLater(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        holding.await();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            var good = callers.submit(() -> log.append(List.of(event("fresh", now, 1))));
            var clash = callers.submit(() -> log.append(List.of(event("taken", now, 1)))); // the id is the events table's key
            await().atMost(Duration.ofSeconds(10)).until(() -> log.appendsWaiting() == 2);
            release.countDown();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(clash::get)).hasMessageContaining("UNIQUE");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(good::get)).hasMessageContaining("UNIQUE");
            assertThat(log.event("fresh")).as("rolled back with the write it joined").isEmpty();
            assertThat(log.count()).isEqualTo(1);
            assertThat(log.pending()).hasSize(1);
            assertThat(log.append(List.of(event("fresh", now, 1)))).as("the next append is on its own again").hasSize(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_write_waits_for_an_append_announced_before_it_started_and_takes_it_along() throws Exception {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db, TimeUnit.MINUTES.toNanos(10));
        long now = System.currentTimeMillis();
        log.append(List.of(event("taken", now, 1)));
        ExecutorService callers = Executors.newFixedThreadPool(1);
        try {
            java.util.concurrent.Future<List<Delivery>> fresh;
            try (EventAppends.Incoming announced = log.incoming()) {
                fresh = callers.submit(() -> log.append(List.of(event("fresh", now, 1))));
                await().atMost(Duration.ofSeconds(30)).until(() -> log.appendsWaiting() == 0); // its write took it and waits
                // the announced events clash with a stored id: had the write not waited for them, "fresh" would be stored
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> announced.append(List.of(event("taken", now, 1)))))
                        .hasMessageContaining("UNIQUE");
            }
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> fresh.get(30, TimeUnit.SECONDS)))
                    .hasMessageContaining("UNIQUE");
            assertThat(log.event("fresh")).isEmpty();
            assertThat(log.count()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void an_announcement_withdrawn_without_an_append_lets_the_waiting_write_go_on() throws Exception {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db, TimeUnit.MINUTES.toNanos(10));
        long now = System.currentTimeMillis();
        ExecutorService callers = Executors.newFixedThreadPool(1);
        try {
            java.util.concurrent.Future<List<Delivery>> appended;
            try (EventAppends.Incoming announced = log.incoming()) { // e.g. a PutEvents whose entries were all refused
                appended = callers.submit(() -> log.append(List.of(event("e", now, 2))));
                await().atMost(Duration.ofSeconds(30)).until(() -> log.appendsWaiting() == 0);
                assertThat(appended).isNotDone();
            }
            assertThat(appended.get(60, TimeUnit.SECONDS)).as("committed long before the ten-minute wait").hasSize(2);
            try (EventAppends.Incoming announced = log.incoming()) {
                assertThat(announced.append(List.of(event("f", now, 1)))).hasSize(1);
            }
            assertThat(log.append(List.of(event("g", now, 1)))).as("nothing announced is left to wait for").hasSize(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_change_of_a_deliverys_state_is_counted_once_it_is_committed() {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db);
        long now = System.currentTimeMillis();
        List<Delivery> created = log.append(List.of(event("e", now, 3)));
        assertThat(log.deliveryChanges()).isZero();

        log.markDelivered(created.get(0).id(), 1, "{}", now);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.deliveryChanges() >= 1);
        assertThat(log.delivery(created.get(0).id()).orElseThrow().status()).isEqualTo("delivered");

        long before = log.deliveryChanges();
        log.scheduleRetry(created.get(1).id(), 1, now + 1000, "E", "failed", now);
        assertThat(log.deliveryChanges()).isEqualTo(before + 1);
        log.markDead(created.get(2).id(), 3, "E", "failed", now);
        assertThat(log.deliveryChanges()).isEqualTo(before + 2);
        assertThat(log.dead(10)).extracting(DeliveryRecord::id).containsExactly(created.get(2).id());
        log.redrive(null, now);
        assertThat(log.deliveryChanges()).isEqualTo(before + 3);
        assertThat(log.dead(10)).isEmpty();
    }

    @Test
    void an_event_is_stored_with_its_candidate_key_however_it_was_appended() {
        db = Database.open(dir, false);
        EventLog log = new EventLog(db);
        long now = System.currentTimeMillis();
        String envelope = "{\"detail\":{\"toEmail\":\"Ada@Example.COM\"}}";
        log.append(List.of(new EventLog.NewEvent("from-envelope", "default", "s", "t", envelope, null, now, List.of()),
                new EventLog.NewEvent("given", "default", "s", "t", envelope, null, now, List.of(), "c-7")));
        assertThat(candidateKey("from-envelope")).isEqualTo("ada@example.com");
        assertThat(candidateKey("given")).isEqualTo("c-7");
    }

    @Test
    void events_stored_before_the_bus_wrote_candidate_keys_get_theirs_when_the_data_dir_migrates() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("mini-ats.db");
        org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("230").load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            c.createStatement().executeUpdate("INSERT INTO events (id, bus, source, detail_type, envelope, received_at) VALUES"
                    + " ('old', 'default', 's', 't', '{\"detail\":{\"candidateId\":\"\",\"toEmail\":\"OLD@X.ORG\"}}', 1)");
        }
        db = Database.open(dir, false);
        assertThat(candidateKey("old")).isEqualTo("old@x.org");
    }

    private String candidateKey(String eventId) {
        return db.read(c -> {
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT candidate_key FROM events WHERE id = ?")) {
                s.setString(1, eventId);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }

    private static EventLog.NewEvent event(String id, long now, int targets) {
        List<EventLog.NewDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            deliveries.add(new EventLog.NewDelivery("r", "t" + i, "ats-noop", null, null, 3, now + 60_000));
        }
        return new EventLog.NewEvent(id, "default", "test", "t", "{\"detail\":{}}", null, now, deliveries);
    }
}
