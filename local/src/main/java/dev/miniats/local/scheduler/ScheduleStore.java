package dev.miniats.local.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Schedules, groups, pending occurrences and history in SQLite. A due schedule becomes a pending
 * occurrence and is re-armed for its next time in one transaction ({@link #fire}), so an
 * occurrence is neither lost nor fired twice by a restart (it is delivered at least once).
 * Thread-safe: every call is one {@link Database} read or write.
 */
final class ScheduleStore {
    /** One occurrence waiting to be delivered. */
    record Fire(long id, Schedule schedule, long scheduledAt, String executionId, int attempt, long nextTry) {
    }

    /** One delivery attempt, for the history API ({@code /_ats} speaks lowerCamel JSON). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Attempt(String scheduleArn, long scheduledAt, long attemptedAt, int attempt, String outcome, String error) {
    }

    /** A group and its tags. */
    record Group(String name, long createdAt, long modifiedAt, Map<String, String> tags) {
    }

    private final Database db;

    ScheduleStore(Database db) {
        this.db = db;
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schedule always serializes", e);
        }
    }

    private static Schedule schedule(String json) {
        try {
            return Json.MAPPER.readValue(json, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored schedule is unreadable: " + e.getMessage(), e);
        }
    }

    // ---- groups

    boolean createGroup(String name, long now, Map<String, String> tags) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO scheduler_groups (name, created_at, modified_at, tags) "
                    + "VALUES (?,?,?,?) ON CONFLICT (name) DO NOTHING")) {
                s.setString(1, name);
                s.setLong(2, now);
                s.setLong(3, now);
                s.setString(4, json(tags));
                return s.executeUpdate() == 1;
            }
        });
    }

    Optional<Group> group(String name) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT name, created_at, modified_at, tags FROM scheduler_groups WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(group(r)) : Optional.<Group>empty();
                }
            }
        });
    }

    List<Group> groups() {
        return db.read(c -> {
            List<Group> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, created_at, modified_at, tags FROM scheduler_groups ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(group(r));
                }
            }
            return out;
        });
    }

    private static Group group(ResultSet r) throws SQLException {
        try {
            return new Group(r.getString(1), r.getLong(2), r.getLong(3),
                    Json.MAPPER.readValue(r.getString(4), new TypeReference<TreeMap<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored tags are unreadable: " + e.getMessage(), e);
        }
    }

    void setTags(String group, Map<String, String> tags, long now) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE scheduler_groups SET tags = ?, modified_at = ? WHERE name = ?")) {
                s.setString(1, json(tags));
                s.setLong(2, now);
                s.setString(3, group);
                return s.executeUpdate();
            }
        });
    }

    /** Deletes a group with its schedules and their pending occurrences. */
    boolean deleteGroup(String name) {
        return db.write(c -> {
            for (String sql : List.of("DELETE FROM scheduler_fires WHERE group_name = ?", "DELETE FROM scheduler_schedules WHERE group_name = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, name);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM scheduler_groups WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() == 1;
            }
        });
    }

    // ---- schedules

    /** Inserts ({@code create}) or replaces a schedule with its next due time; false when create finds it exists. */
    boolean put(Schedule schedule, Long nextNominal, Long nextDue, boolean create) {
        return db.write(c -> {
            String sql = create
                    ? "INSERT INTO scheduler_schedules (group_name, name, definition, next_nominal, next_due) VALUES (?,?,?,?,?) "
                      + "ON CONFLICT (group_name, name) DO NOTHING"
                    : "INSERT OR REPLACE INTO scheduler_schedules (group_name, name, definition, next_nominal, next_due) VALUES (?,?,?,?,?)";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, schedule.groupName());
                s.setString(2, schedule.name());
                s.setString(3, json(schedule));
                setNullable(s, 4, nextNominal);
                setNullable(s, 5, nextDue);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static void setNullable(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, java.sql.Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
    }

    Optional<Schedule> get(String group, String name) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT definition FROM scheduler_schedules WHERE group_name = ? AND name = ?")) {
                s.setString(1, group);
                s.setString(2, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(schedule(r.getString(1))) : Optional.<Schedule>empty();
                }
            }
        });
    }

    /** The schedule's next occurrence time (ms), if it fires again. */
    Optional<Long> nextNominal(String group, String name) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT next_nominal FROM scheduler_schedules WHERE group_name = ? AND name = ?")) {
                s.setString(1, group);
                s.setString(2, name);
                try (ResultSet r = s.executeQuery()) {
                    long v = r.next() ? r.getLong(1) : 0;
                    return v == 0 ? Optional.<Long>empty() : Optional.of(v);
                }
            }
        });
    }

    /** Schedules in name order; {@code group} null for every group. */
    List<Schedule> list(String group) {
        return db.read(c -> {
            List<Schedule> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT definition FROM scheduler_schedules WHERE ? IS NULL OR group_name = ? "
                    + "ORDER BY group_name, name")) {
                s.setString(1, group);
                s.setString(2, group);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(schedule(r.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    boolean delete(String group, String name) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM scheduler_schedules WHERE group_name = ? AND name = ?")) {
                s.setString(1, group);
                s.setString(2, name);
                return s.executeUpdate() == 1;
            }
        });
    }

    // ---- firing

    /** The earliest time (ms) anything is due: a schedule's next occurrence or a pending retry. */
    Optional<Long> earliestDue() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT min(t) FROM (SELECT min(next_due) AS t FROM scheduler_schedules "
                    + "UNION ALL SELECT min(next_try) FROM scheduler_fires WHERE next_try >= 0)");
                 ResultSet r = s.executeQuery()) {
                long v = r.next() ? r.getLong(1) : 0;
                return r.wasNull() ? Optional.<Long>empty() : Optional.of(v);
            }
        });
    }

    /** Schedules due at {@code now}, with the occurrence time they are due for. */
    List<Map.Entry<Schedule, Long>> due(long now) {
        return db.read(c -> {
            List<Map.Entry<Schedule, Long>> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT definition, next_nominal FROM scheduler_schedules WHERE next_due <= ? "
                    + "ORDER BY next_due LIMIT 100")) {
                s.setLong(1, now);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(Map.entry(schedule(r.getString(1)), r.getLong(2)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * In one transaction: records the occurrence {@code scheduledAt} of {@code schedule} as pending
     * (unless the schedule is disabled) and re-arms the schedule for its next time, or deletes it
     * when it is complete and asks to be deleted. Does nothing when the schedule changed meanwhile.
     */
    void fire(Schedule schedule, long scheduledAt, String executionId, boolean deliver, Long nextNominal, Long nextDue,
              boolean deleteSchedule, long now) {
        db.write(c -> {
            if (deliver) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO scheduler_fires (group_name, name, definition, scheduled_at, "
                        + "execution_id, attempt, next_try) VALUES (?,?,?,?,?,1,?)")) {
                    s.setString(1, schedule.groupName());
                    s.setString(2, schedule.name());
                    s.setString(3, json(schedule));
                    s.setLong(4, scheduledAt);
                    s.setString(5, executionId);
                    s.setLong(6, now);
                    s.executeUpdate();
                }
            }
            String sql = deleteSchedule ? "DELETE FROM scheduler_schedules WHERE group_name = ? AND name = ? AND next_nominal = ?"
                    : "UPDATE scheduler_schedules SET next_nominal = ?, next_due = ? WHERE group_name = ? AND name = ? AND next_nominal = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (!deleteSchedule) {
                    setNullable(s, i++, nextNominal);
                    setNullable(s, i++, nextDue);
                }
                s.setString(i++, schedule.groupName());
                s.setString(i++, schedule.name());
                s.setLong(i, scheduledAt);
                return s.executeUpdate();
            }
        });
    }

    List<Fire> pendingFires(long now) {
        return db.read(c -> {
            List<Fire> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, definition, scheduled_at, execution_id, attempt, next_try "
                    + "FROM scheduler_fires WHERE next_try BETWEEN 0 AND ? ORDER BY next_try LIMIT 100")) {
                s.setLong(1, now);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Fire(r.getLong(1), schedule(r.getString(2)), r.getLong(3), r.getString(4), r.getInt(5), r.getLong(6)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Claims a pending occurrence for one worker (marks it in flight): false when another worker
     * has it or it is finished, so a stale read never delivers it twice.
     */
    boolean claim(Fire fire) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE scheduler_fires SET next_try = -1 WHERE id = ? AND next_try = ?")) {
                s.setLong(1, fire.id());
                s.setLong(2, fire.nextTry());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** At start: occurrences that were in flight when the runtime stopped are due again (at least once). */
    void releaseClaims(long now) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE scheduler_fires SET next_try = ? WHERE next_try = -1")) {
                s.setLong(1, now);
                return s.executeUpdate();
            }
        });
    }

    /** Ends a pending occurrence (delivered or given up) and records the attempt, in one transaction. */
    void finish(Fire fire, Attempt attempt) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM scheduler_fires WHERE id = ?")) {
                s.setLong(1, fire.id());
                s.executeUpdate();
            }
            return record(c, attempt);
        });
    }

    /** Records a failed attempt and when to try again. */
    void retryLater(Fire fire, Attempt attempt, long nextTry) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE scheduler_fires SET attempt = attempt + 1, next_try = ? WHERE id = ?")) {
                s.setLong(1, nextTry);
                s.setLong(2, fire.id());
                s.executeUpdate();
            }
            return record(c, attempt);
        });
    }

    private static int record(java.sql.Connection c, Attempt a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO scheduler_history (schedule_arn, scheduled_at, attempted_at, attempt, "
                + "outcome, error) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, a.scheduleArn());
            s.setLong(2, a.scheduledAt());
            s.setLong(3, a.attemptedAt());
            s.setInt(4, a.attempt());
            s.setString(5, a.outcome());
            s.setString(6, a.error());
            return s.executeUpdate();
        }
    }

    List<Attempt> history(String scheduleArn, int limit) {
        return db.read(c -> {
            List<Attempt> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT schedule_arn, scheduled_at, attempted_at, attempt, outcome, error "
                    + "FROM scheduler_history WHERE ? IS NULL OR schedule_arn = ? ORDER BY id DESC LIMIT ?")) {
                s.setString(1, scheduleArn);
                s.setString(2, scheduleArn);
                s.setInt(3, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Attempt(r.getString(1), r.getLong(2), r.getLong(3), r.getInt(4), r.getString(5), r.getString(6)));
                    }
                }
            }
            return out;
        });
    }
}
