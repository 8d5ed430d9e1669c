package dev.miniats.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The asynchronous-invocation configurations of functions ({@code lambda_event_invoke_configs}), one per
 * function and qualifier ({@code $LATEST}, a version or an alias). Thread-safe (the {@link Database}
 * serializes writes).
 */
final class EventInvokeConfigStore {
    private final Database db;

    EventInvokeConfigStore(Database db) {
        this.db = db;
    }

    Optional<EventInvokeConfig> get(String function, String qualifier) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT config FROM lambda_event_invoke_configs WHERE function = ? AND qualifier = ?")) {
                s.setString(1, function);
                s.setString(2, qualifier);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Json.read(r.getString(1), EventInvokeConfig.class)) : Optional.<EventInvokeConfig>empty();
                }
            }
        });
    }

    List<EventInvokeConfig> all(String function) {
        return db.read(c -> {
            List<EventInvokeConfig> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT config FROM lambda_event_invoke_configs WHERE function = ? ORDER BY qualifier")) {
                s.setString(1, function);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(Json.read(r.getString(1), EventInvokeConfig.class));
                    }
                }
            }
            return out;
        });
    }

    void put(String function, String qualifier, EventInvokeConfig config) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an event invoke config: " + e.getMessage(), e);
        }
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO lambda_event_invoke_configs (function, qualifier, config)"
                    + " VALUES (?,?,?)")) {
                s.setString(1, function);
                s.setString(2, qualifier);
                s.setString(3, json);
                return s.executeUpdate();
            }
        });
    }

    /** Deletes one configuration; false when there was none. */
    boolean delete(String function, String qualifier) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM lambda_event_invoke_configs WHERE function = ? AND qualifier = ?")) {
                s.setString(1, function);
                s.setString(2, qualifier);
                return s.executeUpdate();
            }
        }) > 0;
    }

    /** Deletes every configuration of {@code function} (it was deleted). */
    void deleteAll(String function) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM lambda_event_invoke_configs WHERE function = ?")) {
                s.setString(1, function);
                return s.executeUpdate();
            }
        });
    }
}
