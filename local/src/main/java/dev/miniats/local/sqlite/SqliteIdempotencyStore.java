package dev.miniats.local.sqlite;

import dev.miniats.core.idempotency.IdempotencyRecord;
import dev.miniats.core.idempotency.IdempotencyStatus;
import dev.miniats.core.idempotency.IdempotencyStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link IdempotencyStore} in the runtime's SQLite file. {@link #putIfAbsent} is one write
 * transaction (SQLite serializes writers), so the check and the claim are atomic, also across
 * processes sharing the file. Thread-safe.
 */
public final class SqliteIdempotencyStore implements IdempotencyStore {
    private final Database db;

    public SqliteIdempotencyStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<IdempotencyRecord> putIfAbsent(IdempotencyRecord claim, Instant now) {
        return db.write(c -> {
            Optional<IdempotencyRecord> current = find(c, claim.key());
            if (current.isPresent() && current.get().isLive(now)) {
                return current;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO idempotency (key, status, payload_hash, result, expires_at, locked_until) VALUES (?,?,?,?,?,?)")) {
                s.setString(1, claim.key());
                s.setString(2, claim.status().name());
                s.setString(3, claim.payloadHash());
                s.setString(4, claim.result());
                s.setLong(5, claim.expiresAt().getEpochSecond());
                s.setLong(6, claim.lockedUntil().getEpochSecond());
                s.executeUpdate();
            }
            return Optional.empty();
        });
    }

    @Override
    public void complete(String key, String result) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE idempotency SET status='COMPLETED', result=? WHERE key=?")) {
                s.setString(1, result);
                s.setString(2, key);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void release(String key) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency WHERE key=?")) {
                s.setString(1, key);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Frees every key still in progress. Called at start, before any function runs: the built-in
     * functions run inside the runtime, so an in-progress record at start belongs to an attempt
     * that died with the previous process, and its redelivery need not wait for the lock to lapse.
     * Only liveness rests on this: a second run of an effect whose mail was already accepted is
     * answered by the local SES with the first MessageId (see {@code LocalSes}). Returns how many.
     */
    public int releaseAbandonedLocks() {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency WHERE status='IN_PROGRESS'")) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
        return db.read(c -> find(c, key));
    }

    private static Optional<IdempotencyRecord> find(java.sql.Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT key, status, payload_hash, result, expires_at, locked_until FROM idempotency WHERE key=?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IdempotencyRecord(r.getString(1), IdempotencyStatus.valueOf(r.getString(2)), r.getString(3),
                        r.getString(4), Instant.ofEpochSecond(r.getLong(5)), Instant.ofEpochSecond(r.getLong(6))));
            }
        }
    }
}
