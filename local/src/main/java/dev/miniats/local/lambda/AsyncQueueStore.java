package dev.miniats.local.lambda;

import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The queue of asynchronous invocations in SQLite ({@code lambda_async_queue}): each event is
 * committed before the caller is answered, its retry count and next attempt updated as it is retried,
 * and deleted once it succeeded or was given up. Thread-safe (the {@link Database} serializes writes).
 */
final class AsyncQueueStore {
    /** One queued event: what to invoke, how many retries it used, when it was queued and is next due (epoch ms). */
    record QueuedEvent(String id, String function, String qualifier, byte[] payload, String traceHeader, int retries, long queuedAt,
                       long dueAt) {
        QueuedEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(payload, "payload");
            if (retries < 0) {
                throw new IllegalArgumentException("retries is " + retries + "; expected 0 or more");
            }
        }

        QueuedEvent retried(long nextDueAt) {
            return new QueuedEvent(id, function, qualifier, payload, traceHeader, retries + 1, queuedAt, nextDueAt);
        }

        QueuedEvent dueAt(long nextDueAt) {
            return new QueuedEvent(id, function, qualifier, payload, traceHeader, retries, queuedAt, nextDueAt);
        }
    }

    private final Database db;

    AsyncQueueStore(Database db) {
        this.db = db;
    }

    void add(QueuedEvent e) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO lambda_async_queue (id, function, qualifier, payload, trace_header,"
                    + " retries, queued_at, due_at) VALUES (?,?,?,?,?,?,?,?)")) {
                s.setString(1, e.id());
                s.setString(2, e.function());
                s.setString(3, e.qualifier());
                s.setBytes(4, e.payload());
                s.setString(5, e.traceHeader());
                s.setInt(6, e.retries());
                s.setLong(7, e.queuedAt());
                s.setLong(8, e.dueAt());
                return s.executeUpdate();
            }
        });
    }

    /** Records the event's next attempt (after a retry or a throttle). */
    void update(QueuedEvent e) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE lambda_async_queue SET retries = ?, due_at = ? WHERE id = ?")) {
                s.setInt(1, e.retries());
                s.setLong(2, e.dueAt());
                s.setString(3, e.id());
                return s.executeUpdate();
            }
        });
    }

    void remove(String id) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM lambda_async_queue WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate();
            }
        });
    }

    /** Every queued event, oldest first: what a restart picks up again. */
    List<QueuedEvent> all() {
        return db.read(c -> {
            List<QueuedEvent> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, function, qualifier, payload, trace_header, retries, queued_at, due_at"
                    + " FROM lambda_async_queue ORDER BY due_at");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new QueuedEvent(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4), r.getString(5), r.getInt(6),
                            r.getLong(7), r.getLong(8)));
                }
            }
            return out;
        });
    }
}
