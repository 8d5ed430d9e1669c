package dev.miniats.local.sqlite;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs Flyway only when a database's migrations may have changed since it last ran. Flyway
 * scans the class path (a 50,000-entry jar), loads its plugins and validates every applied
 * migration on each start: about half of a start that has nothing to migrate. After a migration
 * succeeds, a stamp of the migrations it ran from is stored in the database ({@code schema_stamp},
 * V280); the next start computes the stamp again, cheaply, and skips Flyway when it is the same.
 *
 * <p>The stamp is the identity of where the migrations come from: for a jar, its path, size and
 * modification time (a rebuilt jar migrates once more, then is stamped); for a directory (the
 * build's classes, a {@code filesystem:} location), every file's name, size and modification time.
 * A different stamp, no stamp (a database older than V280), or a location that cannot be stamped
 * runs Flyway exactly as before, validation included. A new, empty file is built without Flyway
 * ({@link FreshSchema}), then stamped. Not thread-safe: runs once while a database opens.
 */
final class SchemaStamp {
    /** What opening the database did about its schema. */
    enum Outcome {
        /** A new file, built from the migrations in one transaction ({@link FreshSchema}). */
        CREATED,
        /** Flyway migrated it. */
        MIGRATED,
        /** The stamp matched: nothing to do. */
        UP_TO_DATE
    }

    private SchemaStamp() {
    }

    /** Migrates {@code source} from {@code location} ({@code classpath:...} or {@code filesystem:...}) unless its stamp matches. */
    static Outcome migrate(DataSource source, String location) throws SQLException {
        String stamp = of(location);
        if (stamp != null && stamp.equals(stored(source, location))) {
            return Outcome.UP_TO_DATE;
        }
        Outcome outcome;
        if (FreshSchema.create(source, location)) {
            outcome = Outcome.CREATED;
        } else {
            flyway(source, location).load().migrate();
            outcome = Outcome.MIGRATED;
        }
        if (stamp != null) {
            try (Connection c = source.getConnection();
                 PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO schema_stamp (location, stamp) VALUES (?, ?)")) {
                s.setString(1, location);
                s.setString(2, stamp);
                s.executeUpdate();
            }
        }
        return outcome;
    }

    /**
     * Flyway for {@code location}; for a file {@link FreshSchema} built, baselined at the version it
     * was built to (Flyway does that only while the file has no history yet), once its checksum shows
     * the migrations up to that version unchanged: Flyway does not look below a baseline, so this is
     * what refuses an edited migration there, or one added below it, at every upgrade.
     */
    private static FluentConfiguration flyway(DataSource source, String location) throws SQLException {
        FluentConfiguration flyway = Flyway.configure().dataSource(source).locations(location);
        FreshSchema.Baseline baseline = FreshSchema.baseline(source, location);
        if (baseline == null) {
            return flyway;
        }
        FreshSchema.Scripts scripts = FreshSchema.scripts(location);
        // not checked: migrations that cannot be listed, and a file a newer build made (whose
        // versions Flyway ignores as it ignores applied migrations newer than it knows)
        if (scripts != null && scripts.reach(baseline.version())
                && !scripts.checksumUpTo(baseline.version()).equals(baseline.checksum())) {
            throw new EditedMigrationException("Migration checksum mismatch: the migrations up to version " + baseline.version()
                    + " in " + location + " are not the ones this database was built from (schema_baseline): one was"
                    + " edited, or one was added below that version. Put the change in a new migration with a higher version.");
        }
        return flyway.baselineOnMigrate(true).baselineVersion(baseline.version())
                .baselineDescription("built from the migrations in one transaction");
    }

    /**
     * Goes once through what the first start after a rebuild does with an existing data dir, for
     * both of the runtime's databases, in scratch files under {@code scratch}: Flyway baselining a
     * file {@link FreshSchema} built, and building and validating one itself. A new data dir runs no
     * Flyway, so the training run of the class-data archive calls this to get Flyway's classes into
     * the archive; without it that start loaded them from the jar (its main database step took
     * 743 ms instead of 473, medians of 5).
     */
    static void rehearseUpgrades(Path scratch) throws SQLException, IOException {
        Files.createDirectories(scratch);
        for (String location : List.of(Database.MAIN_MIGRATIONS, Database.TELEMETRY_MIGRATIONS)) {
            String name = location.substring(location.lastIndexOf('/') + 1);
            DataSource built = scratch(scratch.resolve(name + "-built.db"));
            migrate(built, location);
            try (Connection c = built.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM schema_stamp"); // as after a rebuild: the jar's stamp is another
            }
            migrate(built, location);
            DataSource byFlyway = scratch(scratch.resolve(name + "-flyway.db"));
            Flyway.configure().dataSource(byFlyway).locations(location).load().migrate();
            migrate(byFlyway, location);
        }
    }

    /** A plain data source for {@code file}: SQLite's defaults, for files only Flyway or a test writes. */
    static DataSource scratch(Path file) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    private static String stored(DataSource source, String location) throws SQLException {
        try (Connection c = source.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT stamp FROM schema_stamp WHERE location = ?")) {
            s.setString(1, location);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException noStampTable) {
            return null; // a new file, or one migrated before V280: Flyway decides
        }
    }

    /** The stamp of the migrations at {@code location}, or null when it cannot be told cheaply (then Flyway always runs). */
    static String of(String location) {
        try {
            List<String> parts = new ArrayList<>();
            if (location.startsWith("filesystem:")) {
                parts.add(directory(Path.of(location.substring("filesystem:".length()))));
            } else if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length());
                ClassLoader loader = SchemaStamp.class.getClassLoader();
                for (URL url : Collections.list(loader.getResources(name))) {
                    String part = classpathRoot(url);
                    if (part == null) {
                        return null;
                    }
                    parts.add(part);
                }
            } else {
                return null;
            }
            if (parts.isEmpty()) {
                return null; // e.g. a jar without directory entries: only Flyway's scan finds its migrations
            }
            Collections.sort(parts);
            return sha256(String.join("\n", parts));
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String classpathRoot(URL url) throws IOException, URISyntaxException {
        switch (url.getProtocol()) {
            case "file":
                return directory(Path.of(url.toURI()));
            case "jar":
                URL jar = ((JarURLConnection) url.openConnection()).getJarFileURL();
                if (!"file".equals(jar.getProtocol())) {
                    return null;
                }
                Path file = Path.of(jar.toURI());
                return "jar " + file.toAbsolutePath() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toInstant();
            default:
                return null;
        }
    }

    private static String directory(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                files.add(f.getFileName() + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toInstant());
            }
        }
        Collections.sort(files);
        return "dir " + dir.toAbsolutePath() + "\n" + String.join("\n", files);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
