package dev.miniats.local.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Gives a new, empty database file its whole schema by running every migration's SQL in version
 * order in one transaction, without Flyway. On a first start Flyway's own work (its plugins, a scan
 * of the 50,000-entry jar, a transaction and a history row per migration, all in cold code) took
 * ~500 ms of a ~1.1 s start; the SQL itself takes ~20 ms. It is the pattern of loading a schema
 * instead of replaying the migrations (Rails' {@code db:schema:load}), except that the schema is the
 * migrations themselves, so there is no second copy to keep in step.
 *
 * <p>The file then has no Flyway history. What it was built from is recorded in {@code
 * schema_baseline} (V330; V290 for telemetry): the newest version and a checksum of the scripts up
 * to it. When a later build brings newer migrations, {@link SchemaStamp} checks that checksum (an
 * edited migration is refused, as Flyway's validation refuses it) and has Flyway baseline the file
 * at that version ({@code baselineOnMigrate}) and apply only the newer ones.
 *
 * <p>Used only where the migrations can be listed without a scan, every one is a plain versioned SQL
 * script ({@code V<version>__<description>.sql}) and none uses a Flyway placeholder; otherwise, or
 * when the SQL fails (rolled back), Flyway creates the schema as before and reports any error. In a
 * jar the list is {@code db/<location>.list}, written by the build (local/pom.xml); a directory is
 * listed directly. Not thread-safe: runs once while a database opens.
 */
final class FreshSchema {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]+\\.sql");

    /** One migration script: its file name, parsed version and SQL. */
    record Script(String name, List<Long> version, String sql) {
        String versionText() {
            return String.join(".", version.stream().map(String::valueOf).toList());
        }
    }

    /** The scripts a database was or would be built from, in version order. */
    record Scripts(List<Script> all) {
        String newestVersion() {
            return all.get(all.size() - 1).versionText();
        }

        /** SHA-256 of the names and SQL of the scripts up to and including {@code version}. */
        String checksumUpTo(String version) {
            List<Long> limit = parse(version);
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (Script s : all) {
                    if (compare(s.version(), limit) <= 0) {
                        // line endings normalised, as Flyway's own checksum is: a checkout's CRLF is no edit
                        String text = s.name() + "\n" + s.sql().replace("\r\n", "\n") + "\n";
                        digest.update(text.getBytes(StandardCharsets.UTF_8));
                    }
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    /** What {@code schema_baseline} says a file was built from. */
    record Baseline(String version, String checksum) {
    }

    private FreshSchema() {
    }

    /**
     * Builds the schema of {@code source} from {@code location} when the file is empty and the
     * migrations qualify; true when it did (committed), false when Flyway has to (nothing changed).
     */
    static boolean create(DataSource source, String location) throws SQLException {
        try (Connection c = source.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // holds off another process opening the same new file
                try {
                    // a file with a schema (the start after a rebuild) reads no script here
                    Scripts scripts = empty(s) ? scripts(location) : null;
                    if (scripts == null) {
                        rollback(s);
                        return false;
                    }
                    for (Script script : scripts.all()) {
                        s.executeUpdate(script.sql());
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO schema_baseline (location, version, checksum) VALUES (?, ?, ?)")) {
                        p.setString(1, location);
                        p.setString(2, scripts.newestVersion());
                        p.setString(3, scripts.checksumUpTo(scripts.newestVersion()));
                        p.executeUpdate();
                    }
                    s.execute("COMMIT");
                    return true;
                } catch (SQLException e) {
                    rollback(s);
                    return false; // Flyway runs the same scripts one by one and names the one that fails
                }
            }
        }
    }

    private static void rollback(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException noTransaction) {
            // SQLite has already rolled back after some errors (SQLITE_FULL, SQLITE_IOERR): nothing is left to undo,
            // and Flyway, which runs next, meets the same error and reports it
        }
    }

    /** The baseline {@link #create} recorded in {@code source} for {@code location}, or null (a file Flyway built). */
    static Baseline baseline(DataSource source, String location) throws SQLException {
        try (Connection c = source.getConnection()) {
            if (!hasTable(c, "schema_baseline") || hasTable(c, "flyway_schema_history")) {
                return null; // older than V330, or Flyway's history already continues the baseline
            }
            try (PreparedStatement p = c.prepareStatement("SELECT version, checksum FROM schema_baseline WHERE location = ?")) {
                p.setString(1, location);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? new Baseline(r.getString(1), r.getString(2)) : null;
                }
            }
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static boolean empty(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return r.next() && r.getInt(1) == 0;
        }
    }

    /** The scripts at {@code location} in version order, or null when they cannot be listed cheaply or one does not qualify. */
    static Scripts scripts(String location) {
        try {
            List<Script> scripts = new ArrayList<>();
            if (location.startsWith("filesystem:")) {
                Path dir = Path.of(location.substring("filesystem:".length()));
                for (String name : directory(dir)) {
                    Script script = script(name, Files.readString(dir.resolve(name)));
                    if (script == null) {
                        return null;
                    }
                    scripts.add(script);
                }
            } else if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length());
                ClassLoader loader = FreshSchema.class.getClassLoader();
                if (Collections.list(loader.getResources(name)).size() != 1) {
                    return null; // none, or migrations from more than one class-path root: Flyway merges them
                }
                URL list = loader.getResource(name + ".list");
                if (list == null) {
                    return null;
                }
                for (String file : read(list).split("\n")) {
                    if (file.isBlank()) {
                        continue;
                    }
                    URL url = loader.getResource(name + "/" + file.strip());
                    Script script = url == null ? null : script(file.strip(), read(url));
                    if (script == null) {
                        return null;
                    }
                    scripts.add(script);
                }
            } else {
                return null;
            }
            if (scripts.isEmpty()) {
                return null;
            }
            scripts.sort(Comparator.comparing(Script::version, FreshSchema::compare));
            for (int i = 1; i < scripts.size(); i++) {
                if (compare(scripts.get(i - 1).version(), scripts.get(i).version()) == 0) {
                    return null; // two scripts of one version: Flyway's error to report
                }
            }
            return new Scripts(List.copyOf(scripts));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Script script(String name, String sql) {
        Matcher m = VERSIONED.matcher(name);
        if (!m.matches() || sql.contains("${")) {
            return null; // repeatable, undo, Java or configured migrations, placeholders: Flyway's job
        }
        return new Script(name, parse(m.group(1)), sql);
    }

    private static List<String> directory(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Long> parse(String version) {
        List<Long> parts = new ArrayList<>();
        for (String part : version.split("[._]")) {
            parts.add(Long.parseLong(part)); // NumberFormatException is an IllegalArgumentException
        }
        return parts;
    }

    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            long x = i < a.size() ? a.get(i) : 0;
            long y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }
}
