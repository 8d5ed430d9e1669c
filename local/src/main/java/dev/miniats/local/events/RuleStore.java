package dev.miniats.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buses, rules, targets and their tags in SQLite, so what the API creates survives a restart.
 * A bus's own tags are stored with rule {@code ''} (see V70__event_tags.sql). Thread-safe.
 */
public final class RuleStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public RuleStore(Database db) {
        this.db = db;
    }

    /** Bus name to creation time (epoch millis). */
    Map<String, Long> buses() {
        return db.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, created_at FROM buses ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return out;
        });
    }

    List<LocalRule> rules() {
        return db.read(c -> {
            Map<String, List<Target>> targets = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT bus, rule, id, arn, input, input_path, input_transformer,"
                    + " max_retry_attempts, max_event_age, dead_letter_arn, sqs_message_group_id FROM targets ORDER BY bus, rule, id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    targets.computeIfAbsent(r.getString(1) + "/" + r.getString(2), k -> new ArrayList<>())
                            .add(new Target(r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                    transformer(r.getString(7)), new RetryPolicy(r.getInt(8), r.getInt(9)), r.getString(10), r.getString(11)));
                }
            }
            List<LocalRule> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT bus, name, event_pattern, description, enabled, declared FROM rules ORDER BY bus, name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new LocalRule(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5) == 1,
                            r.getInt(6) == 1, targets.getOrDefault(r.getString(1) + "/" + r.getString(2), List.of())));
                }
            }
            return out;
        });
    }

    void saveBus(String name, long createdAt) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO buses (name, created_at) VALUES (?,?)")) {
                s.setString(1, name);
                s.setLong(2, createdAt);
                return s.executeUpdate();
            }
        });
    }

    void deleteBus(String name) {
        db.write(c -> {
            deleteTags(c, name, null);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM buses WHERE name=?")) {
                s.setString(1, name);
                return s.executeUpdate();
            }
        });
    }

    /** Inserts or replaces the rule and all its targets in one transaction. */
    void saveRule(LocalRule rule, long now) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rules (bus, name, event_pattern, description, enabled, declared,"
                    + " updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (bus, name) DO UPDATE SET event_pattern=excluded.event_pattern,"
                    + " description=excluded.description, enabled=excluded.enabled, declared=excluded.declared, updated_at=excluded.updated_at")) {
                s.setString(1, rule.bus());
                s.setString(2, rule.name());
                s.setString(3, rule.eventPattern());
                nullable(s, 4, rule.description());
                s.setInt(5, rule.enabled() ? 1 : 0);
                s.setInt(6, rule.declared() ? 1 : 0);
                s.setLong(7, now);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM targets WHERE bus=? AND rule=?")) {
                s.setString(1, rule.bus());
                s.setString(2, rule.name());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO targets (bus, rule, id, arn, input, input_path, input_transformer,"
                    + " max_retry_attempts, max_event_age, dead_letter_arn, sqs_message_group_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                for (Target t : rule.targets()) {
                    s.setString(1, rule.bus());
                    s.setString(2, rule.name());
                    s.setString(3, t.id());
                    s.setString(4, t.arn());
                    nullable(s, 5, t.input());
                    nullable(s, 6, t.inputPath());
                    nullable(s, 7, transformerJson(t.inputTransformer()));
                    s.setInt(8, t.retryPolicy().maximumRetryAttempts());
                    s.setInt(9, t.retryPolicy().maximumEventAgeSeconds());
                    nullable(s, 10, t.deadLetterArn());
                    nullable(s, 11, t.sqsMessageGroupId());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    void deleteRule(String bus, String name) {
        db.write(c -> {
            deleteTags(c, bus, name);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM rules WHERE bus=? AND name=?")) {
                s.setString(1, bus);
                s.setString(2, name);
                return s.executeUpdate();
            }
        });
    }

    /** The tags of bus {@code bus} (rule null) or of its rule {@code rule}, by key. */
    Map<String, String> tags(String bus, String rule) {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT key, value FROM event_tags WHERE bus=? AND rule=? ORDER BY key")) {
                s.setString(1, bus);
                s.setString(2, rule == null ? "" : rule);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** Adds {@code tags} to a bus (rule null) or rule, replacing the values of keys it has; in one transaction. */
    void putTags(String bus, String rule, Map<String, String> tags) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO event_tags (bus, rule, key, value) VALUES (?,?,?,?)"
                    + " ON CONFLICT (bus, rule, key) DO UPDATE SET value=excluded.value")) {
                for (Map.Entry<String, String> tag : tags.entrySet()) {
                    s.setString(1, bus);
                    s.setString(2, rule == null ? "" : rule);
                    s.setString(3, tag.getKey());
                    s.setString(4, tag.getValue());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Removes the tags with {@code keys} from a bus (rule null) or rule; keys it does not have are ignored. */
    void removeTags(String bus, String rule, Collection<String> keys) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM event_tags WHERE bus=? AND rule=? AND key=?")) {
                for (String key : keys) {
                    s.setString(1, bus);
                    s.setString(2, rule == null ? "" : rule);
                    s.setString(3, key);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void deleteTags(Connection c, String bus, String rule) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM event_tags WHERE bus=? AND rule=?")) {
            s.setString(1, bus);
            s.setString(2, rule == null ? "" : rule);
            s.executeUpdate();
        }
    }

    private static void nullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private static String transformerJson(Target.InputTransformer t) {
        if (t == null) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        ObjectNode paths = node.putObject("InputPathsMap");
        t.inputPathsMap().forEach(paths::put);
        node.put("InputTemplate", t.inputTemplate());
        return node.toString();
    }

    private static Target.InputTransformer transformer(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            Map<String, String> paths = new LinkedHashMap<>();
            node.path("InputPathsMap").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue().asText()));
            return new Target.InputTransformer(paths, node.path("InputTemplate").asText());
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored InputTransformer is not JSON: " + json, e);
        }
    }
}
