package dev.miniats.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Function URL configurations in SQLite ({@code lambda_function_urls}), loaded at start and kept in
 * memory so serving a URL reads no database; a change is committed before it is visible.
 * Thread-safe: reads are lock-free, changes are serialized.
 */
final class FunctionUrlStore {
    /** One URL: the function (and alias, or "") it invokes, its id, and its configuration as Lambda answers it. */
    record FunctionUrl(String function, String qualifier, String urlId, LambdaShapes.FunctionUrlConfig config) {
    }

    private final Database db;
    private final Map<String, FunctionUrl> byId = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    FunctionUrlStore(Database db) {
        this.db = db;
        db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT function, qualifier, url_id, config FROM lambda_function_urls");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    FunctionUrl url = new FunctionUrl(r.getString(1), r.getString(2), r.getString(3),
                            Json.read(r.getString(4), LambdaShapes.FunctionUrlConfig.class));
                    byId.put(url.urlId(), url);
                }
            }
            return null;
        });
    }

    Optional<FunctionUrl> byId(String urlId) {
        return Optional.ofNullable(byId.get(urlId));
    }

    Optional<FunctionUrl> get(String function, String qualifier) {
        return byId.values().stream().filter(u -> u.function().equals(function) && u.qualifier().equals(qualifier)).findFirst();
    }

    List<FunctionUrl> of(String function) {
        return byId.values().stream().filter(u -> u.function().equals(function))
                .sorted(Comparator.comparing(FunctionUrl::qualifier)).toList();
    }

    /** Inserts or replaces the URL of ({@code function}, {@code qualifier}). */
    void put(FunctionUrl url) {
        synchronized (writeLock) {
            db.write(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO lambda_function_urls (function, qualifier, url_id,"
                        + " config) VALUES (?,?,?,?)")) {
                    s.setString(1, url.function());
                    s.setString(2, url.qualifier());
                    s.setString(3, url.urlId());
                    s.setString(4, json(url.config()));
                    return s.executeUpdate();
                }
            });
            byId.put(url.urlId(), url);
        }
    }

    void delete(FunctionUrl url) {
        synchronized (writeLock) {
            db.write(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM lambda_function_urls WHERE url_id = ?")) {
                    s.setString(1, url.urlId());
                    return s.executeUpdate();
                }
            });
            byId.remove(url.urlId());
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot write a function URL configuration: " + e.getMessage(), e);
        }
    }
}
