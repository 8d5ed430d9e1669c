package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stacks, their events and change sets in SQLite, each a JSON document, so they outlive restarts. Thread-safe. */
final class StackStore {
    private final Database db;

    StackStore(Database db) {
        this.db = db;
    }

    void save(Stack stack) {
        String doc = write(stack);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cfn_stacks (stack_id, name, deleted, document) VALUES (?,?,?,?)"
                    + " ON CONFLICT (stack_id) DO UPDATE SET deleted=excluded.deleted, document=excluded.document")) {
                s.setString(1, stack.stackId());
                s.setString(2, stack.stackName());
                s.setInt(3, stack.deleted() ? 1 : 0);
                s.setString(4, doc);
                return s.executeUpdate();
            }
        });
    }

    /** The live (not deleted) stack with this name or id. */
    Optional<Stack> live(String nameOrId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT document FROM cfn_stacks WHERE (name=? AND deleted=0) OR stack_id=? ORDER BY deleted LIMIT 1")) {
                s.setString(1, nameOrId);
                s.setString(2, nameOrId);
                return documents(s, Stack.class).stream().findFirst();
            }
        });
    }

    List<Stack> all() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT document FROM cfn_stacks ORDER BY rowid")) {
                return documents(s, Stack.class);
            }
        });
    }

    void event(StackEvent event) {
        String doc = write(event);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cfn_events (stack_id, document) VALUES (?,?)")) {
                s.setString(1, event.stackId());
                s.setString(2, doc);
                return s.executeUpdate();
            }
        });
    }

    /** Newest first, as DescribeStackEvents lists them. */
    List<StackEvent> events(String stackId) {
        return byStack("SELECT document FROM cfn_events WHERE stack_id=? ORDER BY seq DESC", stackId, StackEvent.class);
    }

    void save(ChangeSet changeSet) {
        String doc = write(changeSet);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cfn_change_sets (change_set_id, stack_id, name, document)"
                    + " VALUES (?,?,?,?) ON CONFLICT (change_set_id) DO UPDATE SET document=excluded.document")) {
                s.setString(1, changeSet.changeSetId());
                s.setString(2, changeSet.stackId());
                s.setString(3, changeSet.changeSetName());
                s.setString(4, doc);
                return s.executeUpdate();
            }
        });
    }

    void deleteChangeSet(String changeSetId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM cfn_change_sets WHERE change_set_id=?")) {
                s.setString(1, changeSetId);
                return s.executeUpdate();
            }
        });
    }

    List<ChangeSet> changeSets(String stackId) {
        return byStack("SELECT document FROM cfn_change_sets WHERE stack_id=? ORDER BY rowid", stackId, ChangeSet.class);
    }

    private <T> List<T> byStack(String sql, String stackId, Class<T> type) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, stackId);
                return documents(s, type);
            }
        });
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stack record always serializes: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> documents(PreparedStatement s, Class<T> type) throws java.sql.SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                try {
                    out.add(Json.MAPPER.readValue(rs.getString(1), type));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a stored " + type.getSimpleName() + " cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
