package dev.miniats.local.events;

import dev.miniats.local.ats.ActivityReadModel;
import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CandidateIndexTest {
    @TempDir
    Path dir;
    private Database db;
    private Database telemetry;
    private EventLog log;
    private ActivityReadModel reads;
    private CandidateIndex index;
    private int appended;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
        if (telemetry != null) {
            telemetry.close();
        }
        db.close();
    }

    private void open() {
        db = Database.open(dir, false);
        log = new EventLog(db);
        reads = new ActivityReadModel(db);
        index = new CandidateIndex(db);
    }

    @Test
    void a_candidates_events_are_found_before_during_and_after_the_copy() {
        open();
        List<String> ada = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ada.add(append("ada"));
            append("bob");
            append(null);
        }
        assertThat(copied()).as("nothing copied yet: all from the tail of events").isZero();
        assertThat(ids(reads.candidateEvents("ada"))).containsExactlyElementsOf(ada);

        assertThat(index.catchUp()).isEqualTo(18);
        assertThat(copied()).isEqualTo(12);
        for (int i = 0; i < 3; i++) {
            ada.add(append("ada"));
            append("bob");
        }
        assertThat(ids(reads.candidateEvents("ada"))).as("copied ones, then the tail's, each once, oldest first")
                .containsExactlyElementsOf(ada);
        assertThat(ids(reads.candidateEvents("bob"))).hasSize(9);
        assertThat(reads.candidateEvents("nobody")).isEmpty();

        List<String> newestFirst = ids(reads.events(new ActivityReadModel.EventFilter(null, null, " ada ", Long.MAX_VALUE, 4)));
        assertThat(newestFirst).containsExactlyElementsOf(newestFirst(ada).subList(0, 4));
        long before = seqOf(ada.get(5));
        assertThat(ids(reads.events(new ActivityReadModel.EventFilter("default", "t", "ada", before, 100))))
                .as("older than the 6th, across the mark").containsExactlyElementsOf(newestFirst(ada.subList(0, 5)));

        assertThat(index.catchUp()).isEqualTo(6);
        assertThat(ids(reads.candidateEvents("ada"))).containsExactlyElementsOf(ada);
        long writes = index.writes();
        assertThat(index.catchUp()).isZero();
        assertThat(index.writes()).as("nothing new: no write").isEqualTo(writes);
    }

    @Test
    void a_long_backlog_is_copied_in_slices_and_the_mark_ends_at_the_newest_event() {
        open();
        List<EventLog.NewEvent> events = new ArrayList<>();
        List<String> seventh = new ArrayList<>();
        for (int i = 0; i < CandidateIndex.SLICE * 2 + 7; i++) {
            events.add(event("e-" + i, "c-" + (i % 50)));
            if (i % 50 == 7) {
                seventh.add("e-" + i);
            }
        }
        log.append(events);

        assertThat(index.catchUp()).isEqualTo(events.size());

        assertThat(index.writes()).as("two full slices and the rest").isEqualTo(3);
        assertThat(copied()).isEqualTo(events.size());
        assertThat(mark()).isEqualTo(seqOf("e-" + (events.size() - 1)));
        assertThat(ids(reads.candidateEvents("c-7"))).containsExactlyElementsOf(seventh);
    }

    @Test
    @Timeout(30)
    void a_copy_goes_up_to_the_newest_event_it_saw_and_leaves_the_ones_appended_meanwhile_to_the_next() throws Exception {
        open();
        for (int i = 0; i < 10; i++) {
            append("ada");
        }
        AtomicBoolean appending = new AtomicBoolean(true);
        AtomicInteger more = new AtomicInteger();
        Thread appender = new Thread(() -> {
            while (appending.get()) {
                log.append(List.of(event("more-" + more.get(), "bob")));
                more.incrementAndGet(); // once committed
            }
        });
        appender.start();
        try {
            while (more.get() < 20) {
                Thread.onSpinWait();
            }
            long passed = index.catchUp();
            assertThat(passed).isGreaterThanOrEqualTo(30);
            assertThat(index.writes()).as("one slice: the appends after its look wait for the next copy").isEqualTo(1);
            assertThat(mark()).isEqualTo(passed);
        } finally {
            appending.set(false);
            appender.join();
        }
        index.catchUp();
        assertThat(ids(reads.candidateEvents("bob"))).hasSize(more.get());
        assertThat(copied()).isEqualTo(10 + more.get());
    }

    @Test
    void started_it_copies_in_the_background_and_closed_it_stops() {
        open();
        index.start();
        String first = append("ada");
        await().atMost(Duration.ofSeconds(10)).until(() -> copied() == 1);
        index.close();
        long writes = index.writes();
        append("ada");
        assertThat(ids(reads.candidateEvents("ada"))).as("read from the tail").hasSize(2).startsWith(first);
        assertThat(index.writes()).isEqualTo(writes);
        assertThat(copied()).isEqualTo(1);
    }

    @Test
    @Timeout(30)
    void an_event_that_ages_out_takes_its_entry_with_it() {
        open();
        telemetry = Database.openTelemetry(dir, false);
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deliveries.addAll(log.append(List.of(new EventLog.NewEvent("e-" + i, "default", "test", "t", "{}", null, 1,
                    List.of(new EventLog.NewDelivery("rule", "target", "fn", null, null, 3, 60_000)), "ada"))));
        }
        deliveries.forEach(d -> log.markDelivered(d.id(), 1, "{}", 2));
        index.catchUp();
        assertThat(copied()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.delivery(deliveries.get(9).id()).orElseThrow().status().equals("delivered"));

        assertThat(new Retention(log, db, telemetry, 3, 10, Clock.systemUTC()).prune()).isEqualTo(7);

        assertThat(copied()).as("no entry outlives its event").isEqualTo(3);
        assertThat(ids(reads.candidateEvents("ada"))).containsExactly("e-7", "e-8", "e-9");
    }

    @Test
    void a_data_dir_from_before_gets_its_events_copied_when_it_migrates() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("mini-ats.db");
        org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("330").load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO events (id, bus, source, detail_type, envelope, received_at, candidate_key) VALUES"
                    + " ('old-1', 'default', 's', 't', '{}', 1, 'ada'), ('old-2', 'default', 's', 't', '{}', 1, NULL),"
                    + " ('old-3', 'default', 's', 't', '{}', 1, 'ada')");
        }
        open();

        assertThat(copied()).isEqualTo(2);
        assertThat(mark()).isEqualTo(seqOf("old-3"));
        assertThat(index.catchUp()).isZero();
        String newer = append("ada");
        assertThat(ids(reads.candidateEvents("ada"))).containsExactly("old-1", "old-3", newer);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM events WHERE seq IN (%s) ORDER BY seq LIMIT 500", // a candidate's events
            "SELECT id FROM events WHERE seq < 1000 AND bus = 'b' AND detail_type = 't' AND seq IN (%s) ORDER BY seq DESC LIMIT 50"})
    void a_candidates_events_are_read_through_the_copied_entries_not_by_scanning_events(String query) {
        open();
        List<EventLog.NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            events.add(event("e-" + i, "c-" + (i % 100)));
        }
        log.append(events);
        index.catchUp();
        db.write(c -> c.createStatement().execute("ANALYZE"));
        List<String> plan = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + query.formatted(CandidateIndex.SEQS))) {
                s.setString(1, "c-7");
                s.setString(2, "c-7");
                List<String> steps = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        steps.add(r.getString("detail"));
                    }
                }
                return steps;
            }
        });
        assertThat(plan).noneMatch(step -> step.startsWith("SCAN events") || step.contains("TEMP B-TREE"));
        assertThat(plan).anyMatch(step -> step.contains("candidate_events USING PRIMARY KEY (candidate_key=?)"));
        assertThat(plan).anyMatch(step -> step.contains("events USING INTEGER PRIMARY KEY (rowid>?)"));
    }

    private String append(String candidate) {
        String id = "e-" + appended++;
        log.append(List.of(event(id, candidate)));
        return id;
    }

    private static EventLog.NewEvent event(String id, String candidate) {
        return new EventLog.NewEvent(id, "default", "test", "t", "{}", null, 1, List.of(), candidate);
    }

    private static List<String> newestFirst(List<String> ids) {
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static List<String> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::id).toList();
    }

    private long copied() {
        return single("SELECT count(*) FROM candidate_events");
    }

    private long mark() {
        return single("SELECT upto FROM candidate_events_mark");
    }

    private long seqOf(String eventId) {
        return log.event(eventId).orElseThrow().seq();
    }

    private long single(String sql) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
