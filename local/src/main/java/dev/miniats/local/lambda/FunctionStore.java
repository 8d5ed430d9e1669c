package dev.miniats.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * User functions in SQLite ({@code lambda_*} tables) and their code as zip files under
 * {@code <data>/lambda/code/<function>/<sha256 hex>.zip}. Everything is loaded at start and kept in
 * memory, so an invocation reads no database; every change is committed before it is visible, and a
 * change that fails leaves neither a row nor a file behind. Thread-safe: reads are lock-free, changes
 * are serialized.
 */
final class FunctionStore {
    private final Database db;
    private final Path codeDir;
    private final Map<String, StoredFunction> functions = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    FunctionStore(Database db, Path dataDir) {
        this.db = db;
        this.codeDir = dataDir.resolve("lambda").resolve("code");
        load();
    }

    /** The database the functions are in, which also holds the queue of asynchronous invocations. */
    Database database() {
        return db;
    }

    Optional<StoredFunction> get(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    Collection<StoredFunction> all() {
        return functions.values().stream().sorted(Comparator.comparing(StoredFunction::name)).toList();
    }

    /** Where the zip with {@code codeSha256} (Lambda's base64 form) of {@code function} is kept. */
    Path codeFile(String function, String codeSha256) {
        return codeDir.resolve(function).resolve(CodeArchive.hex(codeSha256) + ".zip");
    }

    /**
     * Creates {@code latest} (and {@code published}, when not null) with its code; the zip is written
     * first and removed again when the rows cannot be committed.
     */
    StoredFunction create(FunctionConfiguration latest, FunctionConfiguration published, byte[] zip, long nowMillis) {
        synchronized (writeLock) {
            boolean newFile = writeCode(latest.functionName(), latest.codeSha256(), zip);
            Map<String, FunctionConfiguration> versions = new LinkedHashMap<>();
            versions.put(FunctionConfiguration.LATEST, latest);
            if (published != null) {
                versions.put(published.version(), published);
            }
            StoredFunction function = new StoredFunction(latest.functionName(), versions, Map.of(), null, List.of());
            try {
                db.write(c -> {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO lambda_functions (name, created_at) VALUES (?, ?)")) {
                        s.setString(1, function.name());
                        s.setLong(2, nowMillis);
                        s.executeUpdate();
                    }
                    for (FunctionConfiguration v : versions.values()) {
                        upsertVersion(c, v);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                if (newFile) {
                    deleteQuietly(codeFile(latest.functionName(), latest.codeSha256()));
                }
                throw e;
            }
            functions.put(function.name(), function);
            return function;
        }
    }

    /** Stores new code for {@code function} (kept while any version uses it), then {@code latest}. */
    StoredFunction putCode(FunctionConfiguration latest, FunctionConfiguration published, byte[] zip) {
        synchronized (writeLock) {
            boolean newFile = writeCode(latest.functionName(), latest.codeSha256(), zip);
            try {
                StoredFunction changed = putVersion(latest);
                return published == null ? changed : putVersion(published);
            } catch (RuntimeException e) {
                if (newFile) {
                    deleteQuietly(codeFile(latest.functionName(), latest.codeSha256()));
                }
                throw e;
            }
        }
    }

    /** Stores {@code configuration} as its version ($LATEST replaced, or a newly published one). */
    StoredFunction putVersion(FunctionConfiguration configuration) {
        return change(configuration.functionName(), f -> f.withVersion(configuration), c -> upsertVersion(c, configuration));
    }

    StoredFunction putAlias(String function, LambdaShapes.AliasConfiguration alias) {
        return change(function, f -> f.withAlias(alias, false), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO lambda_aliases (function, name, configuration)"
                    + " VALUES (?, ?, ?)")) {
                s.setString(1, function);
                s.setString(2, alias.name());
                s.setString(3, json(alias));
                s.executeUpdate();
            }
        });
    }

    StoredFunction deleteAlias(String function, LambdaShapes.AliasConfiguration alias) {
        return change(function, f -> f.withAlias(alias, true), c -> update(c,
                "DELETE FROM lambda_aliases WHERE function = ? AND name = ?", function, alias.name()));
    }

    StoredFunction putConcurrency(String function, Integer reserved) {
        return change(function, f -> f.withConcurrency(reserved), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE lambda_functions SET reserved_concurrency = ? WHERE name = ?")) {
                s.setObject(1, reserved);
                s.setString(2, function);
                s.executeUpdate();
            }
        });
    }

    StoredFunction addStatement(String function, PolicyStatement statement) {
        return change(function, f -> {
            List<PolicyStatement> next = new ArrayList<>(f.policy());
            next.add(statement);
            return f.withPolicy(next);
        }, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO lambda_policy_statements (function, sid, statement)"
                    + " VALUES (?, ?, ?)")) {
                s.setString(1, function);
                s.setString(2, statement.sid());
                s.setString(3, json(statement));
                s.executeUpdate();
            }
        });
    }

    StoredFunction removeStatement(String function, String sid) {
        return change(function, f -> f.withPolicy(f.policy().stream().filter(s -> !s.sid().equals(sid)).toList()),
                c -> update(c, "DELETE FROM lambda_policy_statements WHERE function = ? AND sid = ?", function, sid));
    }

    /** Deletes the function, its versions, aliases, policy and code. */
    void delete(String function) {
        synchronized (writeLock) {
            db.write(c -> {
                for (String table : List.of("lambda_versions", "lambda_aliases", "lambda_policy_statements")) {
                    update(c, "DELETE FROM " + table + " WHERE function = ?", function);
                }
                update(c, "DELETE FROM lambda_functions WHERE name = ?", function);
                return null;
            });
            functions.remove(function);
            Path dir = codeDir.resolve(function);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.forEach(FunctionStore::deleteQuietly);
                } catch (IOException e) {
                    // the rows are gone; a leftover file is only disk space, and a new function of that name overwrites it
                }
                deleteQuietly(dir);
            }
        }
    }

    @FunctionalInterface
    private interface SqlChange {
        void apply(Connection c) throws SQLException;
    }

    private StoredFunction change(String function, java.util.function.UnaryOperator<StoredFunction> next, SqlChange sql) {
        synchronized (writeLock) {
            StoredFunction current = functions.get(function);
            if (current == null) {
                throw new IllegalStateException("no stored function " + function);
            }
            StoredFunction changed = next.apply(current);
            db.write(c -> {
                sql.apply(c);
                return null;
            });
            functions.put(function, changed);
            return changed;
        }
    }

    private static void upsertVersion(Connection c, FunctionConfiguration v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO lambda_versions (function, version, configuration)"
                + " VALUES (?, ?, ?)")) {
            s.setString(1, v.functionName());
            s.setString(2, v.version());
            s.setString(3, json(v));
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    /** Writes the zip unless it is there already; true when this call created the file. */
    private boolean writeCode(String function, String codeSha256, byte[] zip) {
        Path file = codeFile(function, codeSha256);
        if (Files.exists(file)) {
            return false;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "upload", ".tmp");
            Files.write(tmp, zip);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the code of " + function + " in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: an orphaned file costs disk space only
        }
    }

    private void load() {
        db.read(c -> {
            Map<String, Integer> concurrency = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, reserved_concurrency FROM lambda_functions");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    concurrency.put(r.getString(1), (Integer) r.getObject(2));
                }
            }
            Map<String, Map<String, FunctionConfiguration>> versions = new HashMap<>();
            rows(c, "SELECT function, configuration FROM lambda_versions", (f, json) -> {
                FunctionConfiguration v = read(json, FunctionConfiguration.class);
                versions.computeIfAbsent(f, k -> new LinkedHashMap<>()).put(v.version(), v);
            });
            Map<String, Map<String, LambdaShapes.AliasConfiguration>> aliases = new HashMap<>();
            rows(c, "SELECT function, configuration FROM lambda_aliases", (f, json) -> {
                LambdaShapes.AliasConfiguration a = read(json, LambdaShapes.AliasConfiguration.class);
                aliases.computeIfAbsent(f, k -> new LinkedHashMap<>()).put(a.name(), a);
            });
            Map<String, List<PolicyStatement>> policies = new HashMap<>();
            rows(c, "SELECT function, statement FROM lambda_policy_statements ORDER BY seq", (f, json) ->
                    policies.computeIfAbsent(f, k -> new ArrayList<>()).add(read(json, PolicyStatement.class)));
            concurrency.forEach((name, reserved) -> {
                if (versions.containsKey(name)) {
                    functions.put(name, new StoredFunction(name, versions.get(name), aliases.getOrDefault(name, Map.of()),
                            reserved, policies.getOrDefault(name, List.of())));
                }
            });
            return null;
        });
    }

    private static void rows(Connection c, String sql, java.util.function.BiConsumer<String, String> row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                row.accept(r.getString(1), r.getString(2));
            }
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
