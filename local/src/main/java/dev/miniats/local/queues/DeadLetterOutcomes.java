package dev.miniats.local.queues;

import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** What became of each dead-lettered delivery: sent to a queue, or dropped and why. Thread-safe. */
final class DeadLetterOutcomes {
    private final Database db;

    DeadLetterOutcomes(Database db) {
        this.db = db;
    }

    void sent(long deliveryId, String queueArn, String messageId, long now) {
        record(deliveryId, queueArn, messageId, null, now);
    }

    void dropped(long deliveryId, String queueArn, String reason, long now) {
        record(deliveryId, queueArn, null, reason, now);
    }

    private void record(long deliveryId, String queueArn, String messageId, String dropped, long now) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO dead_letter_outcomes"
                    + " (delivery_id, queue_arn, message_id, dropped, at) VALUES (?,?,?,?,?)")) {
                s.setLong(1, deliveryId);
                nullable(s, 2, queueArn);
                nullable(s, 3, messageId);
                nullable(s, 4, dropped);
                s.setLong(5, now);
                return s.executeUpdate();
            }
        });
    }

    /** Forgets the outcome of a redriven delivery: it is pending again. */
    void clear(long deliveryId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM dead_letter_outcomes WHERE delivery_id=?")) {
                s.setLong(1, deliveryId);
                return s.executeUpdate();
            }
        });
    }

    /** Every queue a dead letter was sent to. */
    List<String> queues() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT queue_arn FROM dead_letter_outcomes WHERE message_id IS NOT NULL ORDER BY queue_arn");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    /**
     * Dead deliveries with no outcome: marked dead by a process that stopped before sending them on
     * (or before this table existed). Oldest first.
     */
    List<Long> unsent(int limit) {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT d.id FROM deliveries d LEFT JOIN dead_letter_outcomes o"
                    + " ON o.delivery_id = d.id WHERE d.status = 'dead' AND o.delivery_id IS NULL ORDER BY d.id LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** Dropped dead letters, newest first. */
    List<Dropped> dropped(int limit) {
        return db.read(c -> {
            List<Dropped> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT delivery_id, queue_arn, dropped, at FROM dead_letter_outcomes"
                    + " WHERE dropped IS NOT NULL ORDER BY at DESC, delivery_id DESC LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Dropped(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4)));
                    }
                }
            }
            return out;
        });
    }

    /** A dead letter EventBridge would have dropped: {@code queueArn} is null when the target has no dead-letter config. */
    record Dropped(long deliveryId, String queueArn, String reason, long at) {
    }

    private static void nullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }
}
