package dev.miniats.local.replies;

import dev.miniats.core.calendar.CalendarReply;
import dev.miniats.core.calendar.InvitedInterview;
import dev.miniats.local.sqlite.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The calendar replies received and what each did ({@code calendar_replies}), and the last answer
 * published per interview and attendee ({@code calendar_reply_state}), which makes publishing
 * idempotent. Thread-safe (SQLite serializes writers).
 */
final class ReplyRecords {
    /** One reply as recorded. */
    record Recorded(long id, long receivedAt, String recipient, String uid, String attendee, Integer sequence, String partStat,
                    String candidateId, String interviewId, String outcome, String reason, String eventId) {
    }

    /** The answer last published for an interview and attendee. */
    record Answer(int sequence, String partStat) {
    }

    private final Database db;
    private final Clock clock;

    ReplyRecords(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Makes {@code reply} the last answer of its attendee, unless it already is; empty when this
     * call claimed it (publish it), else the answer already on record (publish nothing). Returns the
     * previous answer too, so {@link #release} can put it back.
     */
    Claim claim(CalendarReply reply) {
        return db.write(c -> {
            Optional<Answer> before = answer(c, reply.uid(), reply.attendee());
            if (before.isPresent() && before.get().sequence() == reply.sequence() && before.get().partStat().equals(reply.partStat().name())) {
                return new Claim(false, before);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO calendar_reply_state (uid, attendee, sequence, part_stat) VALUES (?,?,?,?)"
                    + " ON CONFLICT (uid, attendee) DO UPDATE SET sequence=excluded.sequence, part_stat=excluded.part_stat")) {
                s.setString(1, reply.uid());
                s.setString(2, reply.attendee());
                s.setInt(3, reply.sequence());
                s.setString(4, reply.partStat().name());
                s.executeUpdate();
            }
            return new Claim(true, before);
        });
    }

    /** The outcome of {@link #claim}: whether this reply is new, and the answer before it. */
    record Claim(boolean claimed, Optional<Answer> before) {
    }

    /** Puts back the answer before a claim whose event could not be published, so the same reply can be tried again. */
    void release(CalendarReply reply, Optional<Answer> before) {
        db.write(c -> {
            if (before.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM calendar_reply_state WHERE uid=? AND attendee=?")) {
                    s.setString(1, reply.uid());
                    s.setString(2, reply.attendee());
                    return s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE calendar_reply_state SET sequence=?, part_stat=? WHERE uid=? AND attendee=?")) {
                s.setInt(1, before.get().sequence());
                s.setString(2, before.get().partStat());
                s.setString(3, reply.uid());
                s.setString(4, reply.attendee());
                return s.executeUpdate();
            }
        });
    }

    private static Optional<Answer> answer(Connection c, String uid, String attendee) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sequence, part_stat FROM calendar_reply_state WHERE uid=? AND attendee=?")) {
            s.setString(1, uid);
            s.setString(2, attendee);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Answer(r.getInt(1), r.getString(2))) : Optional.empty();
            }
        }
    }

    /** Records what a reply did; {@code reply} and {@code interview} are null when unknown. */
    void record(String recipient, CalendarReply reply, InvitedInterview interview, String outcome, String reason, String eventId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO calendar_replies (received_at, recipient, uid, attendee, sequence,"
                    + " part_stat, candidate_id, interview_id, outcome, reason, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setLong(1, clock.millis());
                s.setString(2, recipient);
                s.setString(3, reply == null ? null : reply.uid());
                s.setString(4, reply == null ? null : reply.attendee());
                if (reply == null) {
                    s.setNull(5, Types.INTEGER);
                } else {
                    s.setInt(5, reply.sequence());
                }
                s.setString(6, reply == null ? null : reply.partStat().name());
                s.setString(7, interview == null ? null : interview.candidateId());
                s.setString(8, interview == null ? null : interview.interviewId());
                s.setString(9, outcome);
                s.setString(10, reason);
                s.setString(11, eventId);
                return s.executeUpdate();
            }
        });
    }

    /** The latest replies, newest first; one candidate's when {@code candidateId} is not null. */
    List<Recorded> recent(String candidateId, int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, received_at, recipient, uid, attendee, sequence, part_stat,"
                    + " candidate_id, interview_id, outcome, reason, event_id FROM calendar_replies"
                    + (candidateId == null ? "" : " WHERE candidate_id=?") + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (candidateId != null) {
                    s.setString(i++, candidateId);
                }
                s.setInt(i, limit);
                List<Recorded> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int sequence = r.getInt(6);
                        out.add(new Recorded(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                                r.wasNull() ? null : sequence, r.getString(7), r.getString(8), r.getString(9), r.getString(10),
                                r.getString(11), r.getString(12)));
                    }
                }
                return out;
            }
        });
    }
}
