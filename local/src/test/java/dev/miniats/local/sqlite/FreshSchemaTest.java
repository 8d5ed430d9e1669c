package dev.miniats.local.sqlite;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new file gets its schema from the migrations in one transaction, and Flyway takes over from there. */
class FreshSchemaTest {
    /** Tables whose rows say how a file was built, not what is in it. */
    private static final Set<String> HOW_BUILT = Set.of("flyway_schema_history", "schema_stamp", "schema_baseline");

    @TempDir
    Path dir;
    /** Two scripts (the bookkeeping tables, then candidates) that the tests add to or edit. */
    private Path migrations;
    private String location;

    @BeforeEach
    void writeMigrations() throws Exception {
        migrations = SchemaFixtures.migrations(dir);
        location = "filesystem:" + migrations;
    }

    private DataSource source(String file) {
        return SchemaStamp.scratch(dir.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classpath:db/migration", "classpath:db/telemetry"})
    void a_new_file_built_in_one_transaction_has_the_schema_and_rows_flyway_builds(String runtimeLocation) throws Exception {
        // foreign keys enforced on both sides, as the runtime opens its files
        DataSource byFlyway = withForeignKeys("flyway.db");
        Flyway.configure().dataSource(byFlyway).locations(runtimeLocation).load().migrate();
        DataSource built = withForeignKeys("built.db");

        assertThat(SchemaStamp.migrate(built, runtimeLocation)).isEqualTo(SchemaStamp.Outcome.CREATED);

        assertThat(schema(built)).isEqualTo(schema(byFlyway)).isNotEmpty();
        for (String table : tables(byFlyway)) {
            if (!HOW_BUILT.contains(table)) {
                assertThat(rows(built, "SELECT * FROM " + table)).as(table).isEqualTo(rows(byFlyway, "SELECT * FROM " + table));
            }
        }
        assertThat(tables(built)).doesNotContain("flyway_schema_history");
        FreshSchema.Scripts scripts = FreshSchema.scripts(runtimeLocation);
        assertThat(rows(built, "SELECT version FROM schema_baseline")).containsExactly(scripts.newestVersion());
        assertThat(SchemaStamp.migrate(built, runtimeLocation)).isEqualTo(SchemaStamp.Outcome.UP_TO_DATE);
    }

    @Test
    void the_build_lists_every_migration_of_the_runtime_for_its_jar() throws Exception {
        for (String name : List.of("migration", "telemetry")) {
            List<String> files;
            try (var list = Files.list(Path.of("src/main/resources/db", name))) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            try (var in = getClass().getClassLoader().getResourceAsStream("db/" + name + ".list")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList())
                        .containsExactlyInAnyOrderElementsOf(files);
            }
            assertThat(FreshSchema.scripts("classpath:db/" + name).all()).extracting(FreshSchema.Script::name)
                    .containsExactlyInAnyOrderElementsOf(files);
        }
    }

    @Test
    void in_a_jar_the_scripts_are_the_ones_its_list_names() throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "db/fixture/", "");
            entry(out, "db/fixture/V2__candidates.sql", "CREATE TABLE candidates (id TEXT PRIMARY KEY);");
            entry(out, "db/fixture/V10__offers.sql", "CREATE TABLE offers (id TEXT PRIMARY KEY);");
            entry(out, "db/fixture.list", "V10__offers.sql\nV2__candidates.sql\n");
            entry(out, "db/stale/", "");
            entry(out, "db/stale/V1__a.sql", "CREATE TABLE a (id TEXT);");
            entry(out, "db/stale.list", "V1__a.sql\nV2__gone.sql\n");
            entry(out, "db/unlisted/", "");
            entry(out, "db/unlisted/V1__a.sql", "CREATE TABLE a (id TEXT);");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(FreshSchema.scripts("classpath:db/fixture", loader).all()).extracting(FreshSchema.Script::name)
                    .as("in version order, 2 before 10").containsExactly("V2__candidates.sql", "V10__offers.sql");
            assertThat(FreshSchema.scripts("classpath:db/stale", loader)).as("a list naming a script the jar lacks").isNull();
            assertThat(FreshSchema.scripts("classpath:db/unlisted", loader)).as("no list: Flyway scans").isNull();
        }
    }

    @Test
    void newer_migrations_reach_a_file_built_in_one_transaction_through_a_flyway_baseline() throws Exception {
        DataSource source = source("a.db");
        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.CREATED);
        execute(source, "INSERT INTO candidates (id) VALUES ('ada')");

        Files.writeString(migrations.resolve("V3__offers.sql"), "CREATE TABLE offers (id TEXT PRIMARY KEY);");
        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED);

        assertThat(tables(source)).contains("offers", "flyway_schema_history");
        assertThat(rows(source, "SELECT id FROM candidates")).containsExactly("ada");
        assertThat(rows(source, "SELECT version || ' ' || type || ' ' || success FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("2 BASELINE 1", "3 SQL 1");
        // the history continues the baseline: the next migration is Flyway's as for any file
        Files.writeString(migrations.resolve("V4__interviews.sql"), "CREATE TABLE interviews (id TEXT PRIMARY KEY);");
        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED);
        assertThat(rows(source, "SELECT version FROM flyway_schema_history ORDER BY installed_rank")).containsExactly("2", "3", "4");
    }

    @Test
    void an_edited_migration_below_the_baseline_is_refused_and_changes_nothing() throws Exception {
        DataSource source = source("b.db");
        SchemaStamp.migrate(source, location);

        Files.writeString(migrations.resolve("V2__candidates.sql"), "CREATE TABLE candidates (id TEXT PRIMARY KEY, name TEXT);");

        assertThatThrownBy(() -> SchemaStamp.migrate(source, location)).isInstanceOf(EditedMigrationException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining("up to version 2");
        assertThat(tables(source)).doesNotContain("flyway_schema_history");
    }

    @Test
    void an_edited_migration_is_refused_at_every_later_upgrade_too() throws Exception {
        DataSource source = source("f.db");
        SchemaStamp.migrate(source, location);
        Files.writeString(migrations.resolve("V3__offers.sql"), "CREATE TABLE offers (id TEXT PRIMARY KEY);");
        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED); // now with Flyway's history

        Files.writeString(migrations.resolve("V1_5__interviews.sql"), "CREATE TABLE interviews (id TEXT PRIMARY KEY);");

        assertThatThrownBy(() -> SchemaStamp.migrate(source, location)).isInstanceOf(EditedMigrationException.class)
                .hasMessageContaining("added below that version");
    }

    @Test
    void a_file_a_newer_build_made_opens_as_flyway_opens_newer_versions() throws Exception {
        DataSource source = source("g.db");
        Files.writeString(migrations.resolve("V3__offers.sql"), "CREATE TABLE offers (id TEXT PRIMARY KEY);");
        SchemaStamp.migrate(source, location);

        Files.delete(migrations.resolve("V3__offers.sql")); // the older build knows only V1 and V2

        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED);
        assertThat(tables(source)).contains("offers");
    }

    @Test
    void line_endings_of_a_checkout_are_no_edit() throws Exception {
        DataSource source = source("c.db");
        SchemaStamp.migrate(source, location);

        Path v2 = migrations.resolve("V2__candidates.sql");
        Files.writeString(v2, "\uFEFF" + Files.readString(v2).replace("\n", "\r\n").strip()); // BOM, CRLF, no final newline
        Files.writeString(migrations.resolve("V3__offers.sql"), "CREATE TABLE offers (id TEXT PRIMARY KEY);");

        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED);
        assertThat(tables(source)).contains("offers");
    }

    @Test
    void a_migration_only_flyway_can_run_leaves_the_new_file_to_flyway() throws Exception {
        Files.writeString(migrations.resolve("R__names.sql"), "CREATE VIEW IF NOT EXISTS names AS SELECT id FROM candidates;");
        DataSource source = source("d.db");

        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED);

        assertThat(rows(source, "SELECT script FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("V1__bookkeeping.sql", "V2__candidates.sql", "R__names.sql");
        assertThat(rows(source, "SELECT count(*) FROM schema_baseline")).containsExactly("0");
    }

    @Test
    void a_pragma_leaves_the_new_file_to_flyway_which_runs_it_outside_a_transaction() throws Exception {
        Files.writeString(migrations.resolve("V3__rebuild.sql"), "PRAGMA foreign_keys = OFF;\n");
        DataSource source = source("h.db");

        assertThat(SchemaStamp.migrate(source, location)).isEqualTo(SchemaStamp.Outcome.MIGRATED);
        assertThat(rows(source, "SELECT script FROM flyway_schema_history WHERE version = '3'")).containsExactly("V3__rebuild.sql");
    }

    @Test
    void a_failing_migration_is_rolled_back_and_reported_by_flyway() throws Exception {
        Files.writeString(migrations.resolve("V3__broken.sql"), "CREATE TABLE offers (id TEXT PRIMARY KEY;");
        DataSource source = source("e.db");

        assertThatThrownBy(() -> SchemaStamp.migrate(source, location)).isInstanceOf(FlywayException.class)
                .hasMessageContaining("V3__broken.sql");
        // what stands is Flyway's work, one migration at a time, not a half of the one transaction
        assertThat(rows(source, "SELECT script || ' ' || success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
                .containsExactly("V1__bookkeeping.sql 1", "V2__candidates.sql 1");
        assertThat(rows(source, "SELECT count(*) FROM schema_baseline")).containsExactly("0");
    }

    @Test
    void the_training_runs_rehearsal_goes_through_both_upgrades_flyway_makes() throws Exception {
        Database.rehearseUpgrades(dir.resolve("rehearsal"));

        for (String name : List.of("migration", "telemetry")) {
            String newest = FreshSchema.scripts("classpath:db/" + name).newestVersion();
            DataSource built = source("rehearsal/" + name + "-built.db");
            assertThat(rows(built, "SELECT version || ' ' || type FROM flyway_schema_history ORDER BY installed_rank"))
                    .as("the file built in one transaction, baselined by Flyway").containsExactly(newest + " BASELINE");
            DataSource byFlyway = source("rehearsal/" + name + "-flyway.db");
            assertThat(rows(byFlyway, "SELECT max(installed_rank) || ' ' || max(CAST(version AS INTEGER)) FROM flyway_schema_history"))
                    .as("the file Flyway built migration by migration")
                    .containsExactly(FreshSchema.scripts("classpath:db/" + name).all().size() + " " + newest);
        }
    }

    private DataSource withForeignKeys(String file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + dir.resolve(file));
        return source;
    }

    private static void entry(JarOutputStream out, String name, String content) throws Exception {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static void execute(DataSource source, String sql) throws SQLException {
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Every schema object but Flyway's history table and its index, as SQLite stores it. */
    private static List<String> schema(DataSource source) throws SQLException {
        return rows(source, "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') FROM sqlite_schema"
                + " WHERE tbl_name <> 'flyway_schema_history' ORDER BY type, name");
    }

    private static List<String> tables(DataSource source) throws SQLException {
        return rows(source, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    }

    /** Each row as its columns joined, sorted, so that insertion order does not matter. */
    private static List<String> rows(DataSource source, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = source.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(r.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return query.contains("ORDER BY") ? rows : rows.stream().sorted().toList();
    }
}
