package dev.miniats.local.iam;

import dev.miniats.local.sqlite.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary credentials issued for role sessions, kept in SQLite (a CLI user's exported
 * credentials keep working across a restart) and cached in memory, since every checked request
 * looks its access key up. Thread-safe.
 */
final class Sessions {
    private final Database db;
    private final Clock clock;
    private final Ids ids;
    private final Map<String, Iam.Session> cache = new ConcurrentHashMap<>();

    Sessions(Database db, Clock clock, Ids ids) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
    }

    Iam.Session issue(Role role, String sessionName, Duration duration) {
        Iam.Credentials credentials = new Iam.Credentials(ids.temporaryAccessKeyId(), ids.secretAccessKey(), ids.sessionToken());
        Instant expiration = clock.instant().plus(duration);
        Iam.Session session = new Iam.Session(role.arn(), role.id(), sessionName, credentials, expiration);
        db.write(c -> Rows.update(c, "INSERT INTO iam_sessions (access_key_id, secret_key, session_token, role_arn, role_id, session_name,"
                        + " expires_at) VALUES (?,?,?,?,?,?,?)", credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), role.arn(), role.id(), sessionName, expiration.toEpochMilli()));
        cache.put(credentials.accessKeyId(), session);
        return session;
    }

    /** The unexpired session behind {@code accessKeyId}, or empty (unknown, expired, or a plain key). */
    Optional<Iam.Session> find(String accessKeyId) {
        if (accessKeyId == null || !accessKeyId.startsWith("ASIA")) {
            return Optional.empty();
        }
        Iam.Session session = cache.get(accessKeyId);
        if (session == null) {
            session = db.read(c -> Rows.query(c, "SELECT role_arn, role_id, session_name, access_key_id, secret_key, session_token, expires_at"
                    + " FROM iam_sessions WHERE access_key_id=?", Sessions::session, accessKeyId)).stream().findFirst().orElse(null);
            if (session == null) {
                return Optional.empty();
            }
            cache.put(accessKeyId, session);
        }
        return session.expiration().isAfter(clock.instant()) ? Optional.of(session) : Optional.empty();
    }

    private static Iam.Session session(ResultSet rs) throws SQLException {
        return new Iam.Session(rs.getString(1), rs.getString(2), rs.getString(3),
                new Iam.Credentials(rs.getString(4), rs.getString(5), rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)));
    }
}
