package dev.miniats.local.events;

import dev.miniats.local.events.delivery.Dispatcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.routing.EventPatterns;
import dev.miniats.local.sqlite.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * EventBridge archives and replays. An archive is a view over the event log: the events of its
 * bus received since the archive was created (and within its retention) that match its pattern.
 * A replay re-sends an archive's events from a time window to the destination bus's rules (or
 * only the rules in FilterArns), each as a new log entry whose envelope carries
 * {@code replay-name}, as EventBridge marks replayed events. Replays run on one background
 * thread. Thread-safe.
 */
public final class Archives implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Archives.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final EventBus bus;
    private final EventLog log;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ExecutorService replays = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "replay");
        t.setDaemon(true);
        return t;
    });

    public Archives(Database db, EventBus bus, EventLog log, Dispatcher dispatcher, Clock clock) {
        this.db = db;
        this.bus = bus;
        this.log = log;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** An archive and what it holds now. */
    public record Archive(String name, String bus, String description, String eventPattern, int retentionDays,
                          long createdAt, long eventCount, long sizeBytes) {
    }

    /** A replay's state. */
    public record Replay(String name, String archive, String destinationBus, List<String> filterRules, long eventStart,
                         long eventEnd, String state, String stateReason, Long lastReplayed, long startedAt, Long endedAt) {
    }

    public Archive create(String name, String busName, String description, String pattern, int retentionDays) {
        if (!bus.hasBus(busName)) {
            throw new BusException.NotFound("Event bus " + busName + " does not exist.");
        }
        if (pattern != null) {
            String problem = EventPatterns.problemWith(pattern);
            if (problem != null) {
                throw new BusException.InvalidEventPattern(problem);
            }
        }
        if (retentionDays < 0) {
            throw new BusException.Validation("RetentionDays is " + retentionDays + "; expected 0 (indefinitely) or more");
        }
        long now = clock.millis();
        int inserted = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO archives (name, bus, description, event_pattern,"
                    + " retention_days, created_at) VALUES (?,?,?,?,?,?)")) {
                s.setString(1, name);
                s.setString(2, busName);
                nullable(s, 3, description);
                nullable(s, 4, pattern);
                s.setInt(5, retentionDays);
                s.setLong(6, now);
                return s.executeUpdate();
            }
        });
        if (inserted == 0) {
            throw new BusException.AlreadyExists("Archive " + name + " already exists.");
        }
        return describe(name);
    }

    /**
     * Deletes the archive (DeleteArchive, also CloudFormation's delete of an AWS::Events::Archive);
     * the events stay in the event log, which other archives and the console read.
     */
    public void delete(String name) {
        int deleted = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM archives WHERE name=?")) {
                s.setString(1, name);
                return s.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw new BusException.NotFound("Archive " + name + " does not exist.");
        }
    }

    public List<Archive> list() {
        List<String> names = db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM archives ORDER BY name"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
        return names.stream().map(this::describe).toList();
    }

    public Archive describe(String name) {
        Archive bare = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT name, bus, description, event_pattern, retention_days, created_at"
                    + " FROM archives WHERE name=?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new Archive(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                            r.getLong(6), 0, 0) : null;
                }
            }
        });
        if (bare == null) {
            throw new BusException.NotFound("Archive " + name + " does not exist.");
        }
        List<StoredEvent> events = events(bare, 0, Long.MAX_VALUE);
        long size = events.stream().mapToLong(e -> e.envelope().length()).sum();
        return new Archive(bare.name(), bare.bus(), bare.description(), bare.eventPattern(), bare.retentionDays(), bare.createdAt(),
                events.size(), size);
    }

    /** The archive's events received in [from, to), oldest first. */
    private List<StoredEvent> events(Archive archive, long from, long to) {
        long retentionStart = archive.retentionDays() == 0 ? 0 : clock.millis() - archive.retentionDays() * 86_400_000L;
        long start = Math.max(Math.max(from, archive.createdAt()), retentionStart);
        Machine machine = new Machine();
        if (archive.eventPattern() != null) {
            try {
                machine.addRule("archive", archive.eventPattern());
            } catch (IOException e) {
                throw new IllegalStateException("A stored archive pattern stopped parsing: " + archive.eventPattern(), e);
            }
        }
        List<StoredEvent> candidates = log.inWindow(archive.bus(), start, to);
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : candidates) {
            if (e.envelope().contains("\"replay-name\":")) {
                continue; // a replayed event is not archived again
            }
            try {
                if (archive.eventPattern() == null || !machine.rulesForJSONEvent(e.envelope()).isEmpty()) {
                    out.add(e);
                }
            } catch (Exception ex) {
                LOG.warn("archived event {} could not be matched: {}", e.id(), ex.getMessage());
            }
        }
        return out;
    }

    public Replay startReplay(String name, String archiveName, long eventStart, long eventEnd, String destinationBus,
                              List<String> filterRules) {
        Archive archive = describe(archiveName);
        if (!archive.bus().equals(destinationBus)) {
            throw new BusException.Validation("Parameter Destination.Arn is not valid: a replay must go to the archive's own bus ("
                    + archive.bus() + ").");
        }
        if (eventEnd <= eventStart) {
            throw new BusException.Validation("EventEndTime must be after EventStartTime.");
        }
        for (String rule : filterRules == null ? List.<String>of() : filterRules) {
            bus.requireRule(destinationBus, rule);
        }
        long now = clock.millis();
        int inserted = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO replays (name, archive, destination_bus, filter_rules,"
                    + " event_start, event_end, state, started_at) VALUES (?,?,?,?,?,?,'STARTING',?)")) {
                s.setString(1, name);
                s.setString(2, archiveName);
                s.setString(3, destinationBus);
                nullable(s, 4, filterRules == null ? null : JSON.valueToTree(filterRules).toString());
                s.setLong(5, eventStart);
                s.setLong(6, eventEnd);
                s.setLong(7, now);
                return s.executeUpdate();
            }
        });
        if (inserted == 0) {
            throw new BusException.AlreadyExists("Replay " + name + " already exists.");
        }
        replays.execute(() -> run(name, archive, eventStart, eventEnd, destinationBus, filterRules));
        return describeReplay(name);
    }

    private void run(String name, Archive archive, long eventStart, long eventEnd, String destinationBus, List<String> filterRules) {
        setState(name, "RUNNING", null, null, null);
        Long last = null;
        try {
            for (StoredEvent original : events(archive, eventStart, eventEnd)) {
                ObjectNode envelope = (ObjectNode) JSON.readTree(original.envelope());
                envelope.put("replay-name", name);
                String json = envelope.toString();
                long now = clock.millis();
                String logId = UUID.randomUUID().toString();
                List<EventLog.NewDelivery> deliveries = bus.deliveriesFor(destinationBus, envelope, now, filterRules,
                        original.traceHeader());
                dispatcher.submit(log.append(List.of(new EventLog.NewEvent(logId, destinationBus, original.source(),
                        original.detailType(), json, original.traceHeader(), now, deliveries))));
                last = original.receivedAt();
            }
            setState(name, "COMPLETED", null, last, clock.millis());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("replay {} failed", name, e);
            setState(name, "FAILED", e.getMessage(), last, clock.millis());
        }
    }

    private void setState(String name, String state, String reason, Long lastReplayed, Long endedAt) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE replays SET state=?, state_reason=?,"
                    + " last_replayed=COALESCE(?, last_replayed), ended_at=? WHERE name=?")) {
                s.setString(1, state);
                nullable(s, 2, reason);
                if (lastReplayed == null) {
                    s.setNull(3, Types.INTEGER);
                } else {
                    s.setLong(3, lastReplayed);
                }
                if (endedAt == null) {
                    s.setNull(4, Types.INTEGER);
                } else {
                    s.setLong(4, endedAt);
                }
                s.setString(5, name);
                return s.executeUpdate();
            }
        });
    }

    public Replay describeReplay(String name) {
        Optional<Replay> replay = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT name, archive, destination_bus, filter_rules, event_start, event_end,"
                    + " state, state_reason, last_replayed, started_at, ended_at FROM replays WHERE name=?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<Replay>empty();
                    }
                    List<String> filter = null;
                    if (r.getString(4) != null) {
                        filter = new ArrayList<>();
                        for (var n : readTree(r.getString(4))) {
                            filter.add(n.asText());
                        }
                    }
                    return Optional.of(new Replay(r.getString(1), r.getString(2), r.getString(3), filter, r.getLong(5), r.getLong(6),
                            r.getString(7), r.getString(8), nullableLong(r, 9), r.getLong(10), nullableLong(r, 11)));
                }
            }
        });
        return replay.orElseThrow(() -> new BusException.NotFound("Replay " + name + " does not exist."));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is not valid: " + json, e);
        }
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private static void nullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    @Override
    public void close() {
        replays.shutdownNow();
    }
}
