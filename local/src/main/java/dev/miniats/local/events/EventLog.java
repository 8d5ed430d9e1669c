package dev.miniats.local.events;

import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.events.delivery.DeliveryRecord;

import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable event log and delivery table. Thread-safe (all access goes through {@link Database}).
 */
public final class EventLog {
    private final Database db;
    private final Queue<Outcome> delivered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean outcomesQueued = new AtomicBoolean();
    private final EventAppends appends;
    private final AtomicLong deliveryChanges = new AtomicLong();
    private volatile String agedOut;

    public EventLog(Database db) {
        this(db, EventAppends.GATHER_NANOS);
    }

    /** An event log whose writes wait up to {@code gatherNanos} for announced appends (tests). */
    EventLog(Database db, long gatherNanos) {
        this.db = db;
        this.appends = new EventAppends(db, gatherNanos);
    }

    /**
     * An event to append with the deliveries its matched rules produce; {@code candidateKey} is
     * {@link CandidateKeys#of} its detail.
     */
    public record NewEvent(String id, String bus, String source, String detailType, String envelope,
                           String traceHeader, long receivedAt, List<NewDelivery> deliveries, String candidateKey) {
        /** An event whose candidate key is read from {@code envelope} (replays, tests: the bus passes the one it has). */
        public NewEvent(String id, String bus, String source, String detailType, String envelope,
                        String traceHeader, long receivedAt, List<NewDelivery> deliveries) {
            this(id, bus, source, detailType, envelope, traceHeader, receivedAt, deliveries, CandidateKeys.ofEnvelope(envelope));
        }
    }

    /** A delivery to create for a new event. */
    public record NewDelivery(String rule, String target, String function, String input, String deadLetterArn,
                              int maxAttempts, long expiresAt) {
    }

    /**
     * Appends all {@code events} and their deliveries; returns the deliveries created, in order,
     * once they are committed. Appends from concurrent callers share one write ({@link EventAppends}).
     */
    public List<Delivery> append(List<NewEvent> events) {
        return appends.append(events);
    }

    /** Announces an append that is on its way, so a write starting meanwhile waits for it ({@link EventAppends#incoming}). */
    EventAppends.Incoming incoming() {
        return appends.incoming();
    }

    /** How many appends wait for the write they joined to run (tests). */
    int appendsWaiting() {
        return appends.waiting();
    }

    private static final String DELIVERY_COLUMNS = "SELECT d.id, d.event_id, d.rule, d.target, d.function,"
            + " COALESCE(d.input, e.envelope), e.trace_header, d.attempts, d.max_attempts, d.next_attempt_at, d.expires_at"
            + " FROM deliveries d JOIN events e ON e.id = d.event_id";

    /** Every delivery not yet delivered nor dead, for recovery at start. */
    public List<Delivery> pending() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(DELIVERY_COLUMNS
                    + " WHERE d.status = 'pending' ORDER BY d.next_attempt_at, d.id")) {
                return deliveries(s);
            }
        });
    }

    /**
     * Makes dead-lettered deliveries pending again with fresh attempts and a fresh event-age
     * window (the same length as the original one); {@code id} null redrives every dead letter.
     * Returns the deliveries to submit.
     */
    public List<Delivery> redrive(Long id, long now) {
        List<Delivery> redriven = db.write(c -> {
            String which = " WHERE d.status = 'dead'" + (id == null ? "" : " AND d.id = " + id);
            List<Delivery> dead;
            try (PreparedStatement s = c.prepareStatement(DELIVERY_COLUMNS + which)) {
                dead = deliveries(s);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE deliveries SET status='pending', attempts=0, next_attempt_at=?,"
                    + " expires_at = ? + (expires_at - (SELECT received_at FROM events WHERE events.id = deliveries.event_id)),"
                    + " updated_at=? WHERE id=?")) {
                for (Delivery d : dead) {
                    s.setLong(1, now);
                    s.setLong(2, now);
                    s.setLong(3, now);
                    s.setLong(4, d.id());
                    s.executeUpdate();
                }
            }
            List<Delivery> out = new ArrayList<>();
            for (Delivery d : dead) {
                try (PreparedStatement s = c.prepareStatement(DELIVERY_COLUMNS + " WHERE d.id = ?")) {
                    s.setLong(1, d.id());
                    out.addAll(deliveries(s));
                }
            }
            return out;
        });
        deliveryChanges.incrementAndGet();
        return redriven;
    }

    /**
     * How many committed writes have changed a delivery's state (delivered, retried, dead,
     * redriven, warned) since this process started: with the newest event's seq, what tells the
     * console's live feed that something changed. It replaced max(deliveries.updated_at), whose
     * index cost every delivery two B-tree writes (V320).
     */
    public long deliveryChanges() {
        return deliveryChanges.get();
    }

    /** Says (for the console) that {@link Retention} has deleted old events, and which. */
    void agedOut(String explanation) {
        this.agedOut = explanation;
    }

    /** Why an event may be missing: empty until {@link Retention} has deleted any. */
    public Optional<String> agedOut() {
        return Optional.ofNullable(agedOut);
    }

    public Optional<DeliveryRecord> delivery(long id) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(RECORD_COLUMNS + " WHERE id=?")) {
                s.setLong(1, id);
                List<DeliveryRecord> found = deliveryRecords(s);
                return found.isEmpty() ? Optional.<DeliveryRecord>empty() : Optional.of(found.get(0));
            }
        });
    }

    private static List<Delivery> deliveries(PreparedStatement s) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Delivery(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getInt(8), r.getInt(9), r.getLong(10), r.getLong(11)));
            }
        }
        return out;
    }

    /**
     * Records a delivery's success without waiting for the commit: should the process die first,
     * the delivery is still pending at the next start and runs again (at least once). Outcomes that
     * arrive while a write of them is queued join it, so a burst costs one write, not one each.
     */
    public void markDelivered(long deliveryId, int attempts, String result, long now) {
        delivered.add(new Outcome(deliveryId, attempts, result, now));
        if (outcomesQueued.compareAndSet(false, true)) {
            try {
                queueOutcomeWrite();
            } catch (RuntimeException e) {
                outcomesQueued.set(false); // the next outcome tries again; these stay pending until then
                throw e;
            }
        }
    }

    private void queueOutcomeWrite() {
        db.writeLater(c -> {
            outcomesQueued.set(false);
            List<Outcome> batch = new ArrayList<>();
            for (Outcome o; (o = delivered.poll()) != null; ) {
                batch.add(o);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE deliveries SET status='delivered', attempts=?, result=?,"
                    + " last_error_code=NULL, last_error_message=NULL, updated_at=? WHERE id=?")) {
                for (Outcome o : batch) {
                    bind(s, o.attempts(), o.result(), o.at(), o.deliveryId());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return batch.size();
        }).thenRun(deliveryChanges::incrementAndGet);
    }

    private record Outcome(long deliveryId, int attempts, String result, long at) {
    }

    /** Records what AWS would have refused about delivery {@code deliveryId}, made anyway. */
    public void warn(long deliveryId, String warning) {
        update("UPDATE deliveries SET warning=? WHERE id=?", warning, deliveryId);
    }

    public void scheduleRetry(long deliveryId, int attempts, long nextAttemptAt, String errorCode, String errorMessage, long now) {
        update("UPDATE deliveries SET attempts=?, next_attempt_at=?, last_error_code=?, last_error_message=?, updated_at=?"
                + " WHERE id=?", attempts, nextAttemptAt, errorCode, errorMessage, now, deliveryId);
    }

    public void markDead(long deliveryId, int attempts, String errorCode, String errorMessage, long now) {
        update("UPDATE deliveries SET status='dead', attempts=?, last_error_code=?, last_error_message=?, updated_at=?"
                + " WHERE id=?", attempts, errorCode, errorMessage, now, deliveryId);
    }

    public Optional<StoredEvent> event(String id) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, id, bus, source, detail_type, envelope, trace_header, received_at FROM events WHERE id=?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(storedEvent(r)) : Optional.<StoredEvent>empty();
                }
            }
        });
    }

    /** The newest events first, at most {@code limit}, optionally older than {@code beforeSeq}. */
    public List<StoredEvent> recent(int limit, long beforeSeq) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, id, bus, source, detail_type, envelope, trace_header, received_at FROM events"
                            + " WHERE seq < ? ORDER BY seq DESC LIMIT ?")) {
                s.setLong(1, beforeSeq);
                s.setInt(2, limit);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(storedEvent(r));
                    }
                }
                return out;
            }
        });
    }

    /** Events on {@code bus} received in [from, to), oldest first, for archives. */
    public List<StoredEvent> inWindow(String bus, long from, long to) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, id, bus, source, detail_type, envelope, trace_header, received_at FROM events"
                            + " WHERE bus = ? AND received_at >= ? AND received_at < ? ORDER BY seq")) {
                s.setString(1, bus);
                s.setLong(2, from);
                s.setLong(3, to);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(storedEvent(r));
                    }
                }
                return out;
            }
        });
    }

    public List<DeliveryRecord> deliveries(String eventId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    RECORD_COLUMNS + " WHERE event_id=? ORDER BY id")) {
                s.setString(1, eventId);
                return deliveryRecords(s);
            }
        });
    }

    /** Dead-lettered deliveries, newest first. */
    public List<DeliveryRecord> dead(int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    RECORD_COLUMNS + " WHERE status='dead' ORDER BY updated_at DESC, id DESC LIMIT ?")) {
                s.setInt(1, limit);
                return deliveryRecords(s);
            }
        });
    }

    public long count() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static final String RECORD_COLUMNS = "SELECT id, event_id, rule, target, function, status, attempts, last_error_code,"
            + " last_error_message, result, dead_letter_arn, updated_at, warning FROM deliveries";

    private static List<DeliveryRecord> deliveryRecords(PreparedStatement s) throws SQLException {
        List<DeliveryRecord> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new DeliveryRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getInt(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getLong(12),
                        r.getString(13)));
            }
        }
        return out;
    }

    private static StoredEvent storedEvent(ResultSet r) throws SQLException {
        return new StoredEvent(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getLong(8));
    }

    private void update(String sql, Object... args) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                return s.executeUpdate();
            }
        });
        deliveryChanges.incrementAndGet();
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                s.setNull(i + 1, Types.VARCHAR);
            } else if (a instanceof Integer n) {
                s.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                s.setLong(i + 1, n);
            } else {
                s.setString(i + 1, a.toString());
            }
        }
    }
}
