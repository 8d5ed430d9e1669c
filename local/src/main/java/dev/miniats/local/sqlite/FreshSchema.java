package dev.miniats.local.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * edited migration is refused, as Flyway's validation refuses it; so at every later upgrade) and
 * has Flyway baseline the file at that version ({@code baselineOnMigrate}) and apply only the newer
 * ones. A build older than this class cannot open such a file (Flyway refuses a schema without
 * history); one with it opens a file a newer build made, as Flyway ignores newer applied versions.
 *
 * <p>Used only where the migrations can be listed without a scan, every one is a plain versioned SQL
 * script ({@code V<version>__<description>.sql}) and none uses a Flyway placeholder or a PRAGMA;
 * otherwise, or when the SQL fails (rolled back, logged), Flyway creates the schema as before. In a
 * jar the list is {@code db/<location>.list}, written by the build (local/pom.xml); a directory is
 * listed directly. Not thread-safe: runs once while a database opens.
 */
final class FreshSchema {
    private static final Logger LOG = LoggerFactory.getLogger(FreshSchema.class);
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
            StringBuilder text = new StringBuilder();
            for (Script s : all) {
                if (compare(s.version(), limit) <= 0) {
                    // by lines, without a byte-order mark, as Flyway's own checksum: line endings and a
                    // final newline that a checkout or an editor changes are no edit
                    String sql = s.sql().startsWith("\uFEFF") ? s.sql().substring(1) : s.sql();
                    text.append(s.name()).append('\n');
                    sql.lines().forEach(line -> text.append(line).append('\n'));
                }
            }
            return SchemaStamp.sha256(text.toString());
        }

        /** Whether these scripts go as far as {@code version}: not so for a file a newer build made. */
        boolean reach(String version) {
            return compare(all.get(all.size() - 1).version(), parse(version)) >= 0;
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
                    // Flyway runs the same scripts one by one, names the one that fails, or shows this was something else
                    LOG.warn("Building the new {} from {} in one transaction failed ({}); Flyway builds it instead",
                            c.getMetaData().getURL(), location, e.getMessage());
                    return false;
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
            if (!hasTable(c, "schema_baseline")) {
                return null; // a file from before V330
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
        return scripts(location, FreshSchema.class.getClassLoader());
    }

    static Scripts scripts(String location, ClassLoader loader) {
        try {
            List<Script> scripts = new ArrayList<>();
            if (location.startsWith("filesystem:")) {
                Path dir = Path.of(location.substring("filesystem:".length()));
                for (String name : directory(dir)) {
                    scripts.add(script(name, Files.readString(dir.resolve(name))));
                }
            } else if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length());
                List<URL> roots = Collections.list(loader.getResources(name));
                if (roots.size() != 1) {
                    return null; // none, or migrations from more than one class-path root: Flyway merges them
                }
                for (String file : classpathFiles(roots.get(0), name, loader)) {
                    URL url = loader.getResource(name + "/" + file);
                    if (url == null) {
                        return null; // a list naming a script the jar does not have
                    }
                    scripts.add(script(file, read(url)));
                }
            } else {
                return null;
            }
            if (scripts.isEmpty() || scripts.contains(null)) {
                return null;
            }
            scripts.sort(Comparator.comparing(Script::version, FreshSchema::compare));
            for (int i = 1; i < scripts.size(); i++) {
                if (compare(scripts.get(i - 1).version(), scripts.get(i).version()) == 0) {
                    return null; // two scripts of one version: Flyway's error to report
                }
            }
            return new Scripts(List.copyOf(scripts));
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The file names under a class-path root: a directory (the build's classes) is listed itself, so
     * a migration added since the last full build is never missed; a jar has its list, written by
     * the build that made the jar. Empty when neither can be told: then Flyway scans.
     */
    private static List<String> classpathFiles(URL root, String name, ClassLoader loader) throws IOException, URISyntaxException {
        switch (root.getProtocol()) {
            case "file":
                return directory(Path.of(root.toURI()));
            case "jar":
                URL list = loader.getResource(name + ".list");
                return list == null ? List.of() : read(list).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            default:
                return List.of();
        }
    }

    private static Script script(String name, String sql) {
        Matcher m = VERSIONED.matcher(name);
        if (!m.matches() || sql.contains("${") || sql.toUpperCase(Locale.ROOT).contains("PRAGMA")) {
            // repeatable, undo, Java or configured migrations, placeholders: Flyway's job; and a PRAGMA,
            // which Flyway runs outside a transaction (PRAGMA foreign_keys does nothing inside one)
            return null;
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
