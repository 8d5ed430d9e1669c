package dev.miniats.local.sqlite;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A start skips Flyway only when the migrations are the ones the database was last migrated from. */
class SchemaStampTest {
    @TempDir
    Path dir;

    private DataSource source(String file) {
        return SchemaStamp.scratch(dir.resolve(file));
    }

    private Path migrations() throws Exception {
        return SchemaFixtures.migrations(dir);
    }

    @Test
    void a_second_open_with_the_same_migrations_skips_flyway_and_a_new_migration_runs_on_the_next() throws Exception {
        Path migrations = migrations();
        String location = "filesystem:" + migrations;
        DataSource source = source("a.db");

        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.CREATED);
        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.UP_TO_DATE);

        Files.writeString(migrations.resolve("V3__offers.sql"), "CREATE TABLE offers (id TEXT PRIMARY KEY);");
        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED);
        assertThat(tables(source)).contains("candidates", "offers");
        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.UP_TO_DATE);
    }

    @Test
    void an_edited_applied_migration_is_still_refused_by_flyway_validation() throws Exception {
        Path migrations = migrations();
        String location = "filesystem:" + migrations;
        DataSource source = source("b.db");
        Flyway.configure().dataSource(source).locations(location).load().migrate(); // a file Flyway built, with its history
        SchemaStamp.migrate(source, location);

        Files.writeString(migrations.resolve("V2__candidates.sql"), "CREATE TABLE candidates (id TEXT PRIMARY KEY, name TEXT);");

        assertThatThrownBy(() -> SchemaStamp.migrate(source, location)).isInstanceOf(FlywayValidateException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void a_data_dir_migrated_by_the_release_before_the_stamp_opens_keeps_its_rows_and_is_stamped() throws Exception {
        // what main wrote before V280: every migration up to V230 (and V130 of telemetry), no stamp
        Flyway.configure().dataSource(source(Database.MAIN_FILE)).locations("classpath:db/migration").target("230").load().migrate();
        Flyway.configure().dataSource(source(Database.TELEMETRY_FILE)).locations("classpath:db/telemetry").target("130").load().migrate();
        try (Connection c = source(Database.MAIN_FILE).getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO ssm_parameters (name, type, value, data_type, version, modified_at) VALUES ('/a', 'String', 'kept', 'text', 1, 0)");
        }

        try (Database main = Database.open(dir, false); Database telemetry = Database.openTelemetry(dir, false)) {
            String kept = main.read(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT value FROM ssm_parameters WHERE name = '/a'")) {
                    return r.next() ? r.getString(1) : null;
                }
            });
            assertThat(kept).isEqualTo("kept");
            assertThat(tables(source(Database.TELEMETRY_FILE))).contains("schema_stamp", "spans");
        }
        assertThat(SchemaStamp.migrate(source(Database.MAIN_FILE), "classpath:db/migration")).isEqualTo(SchemaStamp.Outcome.UP_TO_DATE);
        assertThat(SchemaStamp.migrate(source(Database.TELEMETRY_FILE), "classpath:db/telemetry")).isEqualTo(SchemaStamp.Outcome.UP_TO_DATE);
    }

    @Test
    void a_location_that_cannot_be_stamped_always_runs_flyway() {
        assertThat(SchemaStamp.of("classpath:db/no-such-location")).isNull();
        assertThat(SchemaStamp.of("s3:bucket/migrations")).isNull();
        assertThat(SchemaStamp.of("classpath:db/migration")).hasSize(64);
    }

    private static List<String> tables(DataSource source) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
