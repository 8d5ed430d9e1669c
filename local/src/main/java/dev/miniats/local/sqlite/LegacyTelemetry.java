package dev.miniats.local.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Moves spans and invocation records that a runtime older than {@code telemetry.db} stored in
 * {@code mini-ats.db} into {@code telemetry.db}, once, so the console keeps showing them. The
 * old tables stay (empty) in the main file. Not thread-safe: runs once while the runtime opens.
 */
final class LegacyTelemetry {
    private static final String INVOCATION_COLUMNS = "seq, request_id, function, started_at, duration_ms, billed_ms, memory_mb,"
            + " status, error_type, error_message, trace_id, candidate_id, event_id, lines, truncated";

    private LegacyTelemetry() {
    }

    static void moveInto(Path main, Path telemetry) {
        if (!Files.exists(main)) {
            return; // nothing older to move (and opening it would create an empty main file)
        }
        // a connection of its own: ATTACH needs one outside a transaction, and the writers keep one open
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + main); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            if (!hasRows(s, "spans") && !hasRows(s, "function_invocations")) {
                return;
            }
            s.execute("ATTACH DATABASE '" + telemetry.toString().replace("'", "''") + "' AS telemetry");
            c.setAutoCommit(false);
            s.execute("INSERT OR IGNORE INTO telemetry.spans SELECT trace_id, span_id, parent_id, name, start_nano, end_nano,"
                    + " status, attributes FROM main.spans");
            s.execute("INSERT OR IGNORE INTO telemetry.function_invocations (" + INVOCATION_COLUMNS + ") SELECT "
                    + INVOCATION_COLUMNS + " FROM main.function_invocations");
            s.execute("DELETE FROM main.spans");
            s.execute("DELETE FROM main.function_invocations");
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("Cannot move the spans and invocation records of " + main + " into " + telemetry
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasRows(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '" + table
                + "') AND EXISTS (SELECT 1 FROM " + table + " LIMIT 1)")) {
            return r.next() && r.getBoolean(1);
        } catch (SQLException noSuchTable) {
            return false;
        }
    }
}
