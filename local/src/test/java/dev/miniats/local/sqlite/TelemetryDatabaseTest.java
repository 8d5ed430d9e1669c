package dev.miniats.local.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans and invocation records live in telemetry.db, beside the main file, with a writer of their own. */
class TelemetryDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void spans_and_invocations_recorded_before_telemetry_db_existed_move_into_it_once() {
        try (Database main = Database.open(dir, false)) {
            main.write(c -> {
                c.createStatement().execute("INSERT INTO spans VALUES ('t1', 's1', NULL, 'put default', 1, 2, 'OK', '{}')");
                c.createStatement().execute("INSERT INTO function_invocations (request_id, function, started_at, duration_ms,"
                        + " billed_ms, memory_mb, status, lines) VALUES ('r1', 'send-assessment', 5, 1.5, 2, 512, 'ok', '[]')");
                return null;
            });
        }

        try (Database main = Database.open(dir, false); Database telemetry = Database.openTelemetry(dir, false)) {
            assertThat(count(telemetry, "spans")).isEqualTo(1);
            assertThat(count(telemetry, "function_invocations")).isEqualTo(1);
            assertThat(count(main, "spans")).isZero();
            assertThat(count(main, "function_invocations")).isZero();
            assertThat(telemetry.file().getFileName()).hasToString("telemetry.db");
        }
        try (Database telemetry = Database.openTelemetry(dir, false)) {
            assertThat(count(telemetry, "spans")).as("moved once, not duplicated").isEqualTo(1);
        }
    }

    @Test
    void a_telemetry_file_alone_creates_no_main_file() {
        try (Database telemetry = Database.openTelemetry(dir, false)) {
            telemetry.write(c -> c.createStatement().executeUpdate(
                    "INSERT INTO spans VALUES ('t2', 's2', NULL, 'deliver', 1, 2, 'OK', '{}')"));
            assertThat(count(telemetry, "spans")).isEqualTo(1);
        }
        assertThat(Files.exists(dir.resolve("mini-ats.db"))).isFalse();
    }

    private static long count(Database db, String table) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
