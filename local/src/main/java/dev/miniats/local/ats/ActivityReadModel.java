package dev.miniats.local.ats;

import dev.miniats.local.aws.Json;
import dev.miniats.local.events.CandidateIndex;
import dev.miniats.local.events.StoredEvent;
import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened, as the console lists it, beyond what the event log and mail store offer:
 * filtered event pages, a candidate's events and mails, and the change stamp the live feed
 * watches. A candidate is the event's {@code detail.candidateId}, else its lower-cased
 * {@code detail.toEmail} (the contract's default; V40's {@code candidate_key}). Thread-safe.
 */
public final class ActivityReadModel {
    private static final String EVENT_COLUMNS = "seq, id, bus, source, detail_type, envelope, trace_header, received_at";

    private final Database db;

    public ActivityReadModel(Database db) {
        this.db = db;
    }

    /** Filters for the events page; null or blank means any. */
    public record EventFilter(String bus, String detailType, String candidate, long beforeSeq, int limit) {
    }

    /** A mail as listed (without its raw bytes). */
    public record MailRow(String id, String source, List<String> destinations, String subject, String status, String lastError,
                   long createdAt) {
    }

    /** The newest events matching {@code f}, newest first. */
    public List<StoredEvent> events(EventFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + EVENT_COLUMNS + " FROM events WHERE seq < ?");
        List<Object> args = new ArrayList<>(List.of(f.beforeSeq()));
        if (present(f.bus())) {
            sql.append(" AND bus = ?");
            args.add(f.bus().strip());
        }
        if (present(f.detailType())) {
            sql.append(" AND detail_type = ?");
            args.add(f.detailType().strip());
        }
        if (present(f.candidate())) {
            sql.append(" AND seq IN (" + CandidateIndex.SEQS + ")");
            args.add(f.candidate().strip());
            args.add(f.candidate().strip());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(f.limit());
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                return storedEvents(s);
            }
        });
    }

    /** Every event of one candidate, oldest first. */
    public List<StoredEvent> candidateEvents(String key) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + EVENT_COLUMNS
                    + " FROM events WHERE seq IN (" + CandidateIndex.SEQS + ") ORDER BY seq LIMIT 500")) {
                s.setString(1, key);
                s.setString(2, key);
                return storedEvents(s);
            }
        });
    }

    /** The candidate key of one event (detail.candidateId or the lower-cased toEmail), if it has one. */
    public Optional<String> candidateOf(String eventId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT candidate_key FROM events WHERE id = ?")) {
                s.setString(1, eventId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Mails, newest first, older than {@code beforeSeq}; only those to {@code recipient} when it is not null. */
    public List<MailRow> mails(String recipient, long beforeSeq, int limit) {
        String sql = "SELECT id, source, destinations, subject, status, last_error, created_at, seq FROM mails WHERE seq < ?"
                + (recipient == null ? "" : " AND EXISTS (SELECT 1 FROM json_each(mails.destinations) WHERE lower(value) = lower(?))")
                + " ORDER BY seq DESC LIMIT ?";
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setLong(i++, beforeSeq);
                if (recipient != null) {
                    s.setString(i++, recipient);
                }
                s.setInt(i, limit);
                List<MailRow> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new MailRow(r.getString(1), r.getString(2), recipients(r.getString(3)), r.getString(4),
                                r.getString(5), r.getString(6), r.getLong(7)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Something that changes whenever an event is appended or a mail is stored or delivered (a
     * delivery's change of state is counted by {@code EventLog.deliveryChanges} and invocation
     * records live in telemetry.db: the live feed adds both).
     * A stage recorded by record-pipeline needs no term of its own: its delivery turns "delivered"
     * only after the function has committed it.
     */
    public String changeStamp() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT (SELECT coalesce(max(seq), 0) FROM events),"
                            + " (SELECT coalesce(max(seq), 0) FROM mails), (SELECT count(*) FROM mails WHERE status = 'delivered'),"
                            // a dead letter reaches its queue (or is dropped) just after its delivery is marked dead
                            + " (SELECT count(*) * 1000003 + coalesce(max(at), 0) FROM dead_letter_outcomes)")) {
                r.next();
                return r.getLong(1) + "/" + r.getLong(2) + "/" + r.getLong(3) + "/" + r.getLong(4);
            }
        });
    }

    private static List<String> recipients(String json) throws SQLException {
        try {
            return List.of(Json.MAPPER.readValue(json, String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("mails.destinations is not a JSON array: " + json, e);
        }
    }

    private static List<StoredEvent> storedEvents(PreparedStatement s) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new StoredEvent(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getLong(8)));
            }
        }
        return out;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
