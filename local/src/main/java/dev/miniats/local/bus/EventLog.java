package dev.miniats.local.bus;

import dev.miniats.local.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable event log and delivery table. Thread-safe (all access goes through {@link Database}).
 */
public final class EventLog {
    private final Database db;

    public EventLog(Database db) {
        this.db = db;
    }

    /** An event to append with the deliveries its matched rules produce. */
    public record NewEvent(String id, String bus, String source, String detailType, String envelope,
                           String traceHeader, long receivedAt, List<NewDelivery> deliveries) {
    }

    /** A delivery to create for a new event. */
    public record NewDelivery(String rule, String target, int maxAttempts, long expiresAt) {
    }

    /**
     * Appends all {@code events} and their deliveries in one transaction; returns the deliveries
     * created, in order, once the transaction has committed.
     */
    public List<Delivery> append(List<NewEvent> events) {
        return db.write(c -> {
            List<Delivery> created = new ArrayList<>();
            try (PreparedStatement insertEvent = c.prepareStatement(
                    "INSERT INTO events (id, bus, source, detail_type, envelope, trace_header, received_at) VALUES (?,?,?,?,?,?,?)");
                 PreparedStatement insertDelivery = c.prepareStatement(
                         "INSERT INTO deliveries (event_id, rule, target, status, attempts, next_attempt_at, max_attempts, expires_at, updated_at)"
                                 + " VALUES (?,?,?,'pending',0,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                for (NewEvent e : events) {
                    insertEvent.setString(1, e.id());
                    insertEvent.setString(2, e.bus());
                    insertEvent.setString(3, e.source());
                    insertEvent.setString(4, e.detailType());
                    insertEvent.setString(5, e.envelope());
                    setNullable(insertEvent, 6, e.traceHeader());
                    insertEvent.setLong(7, e.receivedAt());
                    insertEvent.executeUpdate();
                    for (NewDelivery d : e.deliveries()) {
                        insertDelivery.setString(1, e.id());
                        insertDelivery.setString(2, d.rule());
                        insertDelivery.setString(3, d.target());
                        insertDelivery.setLong(4, e.receivedAt());
                        insertDelivery.setInt(5, d.maxAttempts());
                        insertDelivery.setLong(6, d.expiresAt());
                        insertDelivery.setLong(7, e.receivedAt());
                        insertDelivery.executeUpdate();
                        long id;
                        try (ResultSet keys = insertDelivery.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                        created.add(new Delivery(id, e.id(), d.rule(), d.target(), e.envelope(), e.traceHeader(),
                                0, d.maxAttempts(), e.receivedAt(), d.expiresAt()));
                    }
                }
            }
            return created;
        });
    }

    /** Every delivery not yet delivered nor dead, for recovery at start. */
    public List<Delivery> pending() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT d.id, d.event_id, d.rule, d.target, e.envelope, e.trace_header, d.attempts, d.max_attempts,"
                            + " d.next_attempt_at, d.expires_at FROM deliveries d JOIN events e ON e.id = d.event_id"
                            + " WHERE d.status = 'pending' ORDER BY d.next_attempt_at, d.id")) {
                List<Delivery> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Delivery(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getString(6), r.getInt(7), r.getInt(8), r.getLong(9), r.getLong(10)));
                    }
                }
                return out;
            }
        });
    }

    public void markDelivered(long deliveryId, int attempts, String result, long now) {
        update("UPDATE deliveries SET status='delivered', attempts=?, result=?, last_error_code=NULL, last_error_message=NULL,"
                + " updated_at=? WHERE id=?", attempts, result, now, deliveryId);
    }

    public void scheduleRetry(long deliveryId, int attempts, long nextAttemptAt, String errorCode, String errorMessage, long now) {
        update("UPDATE deliveries SET attempts=?, next_attempt_at=?, last_error_code=?, last_error_message=?, updated_at=?"
                + " WHERE id=?", attempts, nextAttemptAt, errorCode, errorMessage, now, deliveryId);
    }

    public void markDead(long deliveryId, int attempts, String errorCode, String errorMessage, long now) {
        update("UPDATE deliveries SET status='dead', attempts=?, last_error_code=?, last_error_message=?, updated_at=?"
                + " WHERE id=?", attempts, errorCode, errorMessage, now, deliveryId);
    }

    /**
     * Sends dead-lettered deliveries back to their targets: the one with {@code deliveryId}, or every
     * dead one when it is null. Each becomes pending with a fresh attempt budget and event-age
     * window from {@code now}; returns them for {@link Dispatcher#submit}.
     */
    public List<Delivery> redrive(Long deliveryId, long now) {
        return db.write(c -> {
            String which = " WHERE d.status = 'dead'" + (deliveryId == null ? "" : " AND d.id = ?");
            List<Delivery> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT d.id, d.event_id, d.rule, d.target, e.envelope, e.trace_header,"
                    + " d.max_attempts, d.expires_at - e.received_at FROM deliveries d JOIN events e ON e.id = d.event_id" + which)) {
                if (deliveryId != null) {
                    s.setLong(1, deliveryId);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Delivery(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getString(6), 0, r.getInt(7), now, now + r.getLong(8)));
                    }
                }
            }
            try (PreparedStatement u = c.prepareStatement("UPDATE deliveries SET status='pending', attempts=0, next_attempt_at=?,"
                    + " expires_at=?, updated_at=? WHERE id=? AND status='dead'")) {
                for (Delivery d : out) {
                    bind(u, now, d.expiresAt(), now, d.id());
                    u.executeUpdate();
                }
            }
            return out;
        });
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

    public List<DeliveryRecord> deliveries(String eventId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, event_id, rule, target, status, attempts, last_error_code, last_error_message, result, updated_at"
                            + " FROM deliveries WHERE event_id=? ORDER BY id")) {
                s.setString(1, eventId);
                return deliveryRecords(s);
            }
        });
    }

    /** Dead-lettered deliveries, newest first. */
    public List<DeliveryRecord> dead(int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, event_id, rule, target, status, attempts, last_error_code, last_error_message, result, updated_at"
                            + " FROM deliveries WHERE status='dead' ORDER BY updated_at DESC, id DESC LIMIT ?")) {
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

    private static List<DeliveryRecord> deliveryRecords(PreparedStatement s) throws SQLException {
        List<DeliveryRecord> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new DeliveryRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getInt(6), r.getString(7), r.getString(8), r.getString(9), r.getLong(10)));
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

    private static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

}
