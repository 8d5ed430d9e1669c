package dev.miniats.local.replies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.calendar.InterviewCalendars;
import dev.miniats.core.calendar.InvitedInterview;
import dev.miniats.core.event.CandidateDetail;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import dev.miniats.core.event.InvalidEventException;
import dev.miniats.local.sqlite.Database;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the interview a reply's UID names, from the event log: the UID is a hash of the
 * candidate and interview ids ({@link InterviewCalendars#uid}), so the interview events are read
 * newest first until one hashes to it. Its SEQUENCE is the highest the invite functions gave a
 * revision of it ({@code interview_revisions}), 0 when never revised. Replies are rare and the
 * scan reads only interview events (the {@code events_detail_type} index). Thread-safe.
 */
final class InterviewInvites {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The interview and the detail of its latest event, which an answer copies. */
    record Found(InvitedInterview interview, String organizer, ObjectNode detail) {
    }

    private final Database db;
    private final Clock clock;

    InterviewInvites(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<Found> find(String uid) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, detail_type, envelope FROM events"
                    + " WHERE detail_type IN (?,?,?) ORDER BY seq DESC")) {
                s.setString(1, DetailType.SCHEDULE_INTERVIEW.wireName());
                s.setString(2, DetailType.RESCHEDULE_INTERVIEW.wireName());
                s.setString(3, DetailType.CANCEL_INTERVIEW.wireName());
                Latest latest = null;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Optional<Latest> event = parse(r.getString(1), r.getString(3)).filter(e -> uid.equals(e.uid()));
                        if (event.isEmpty()) {
                            continue;
                        }
                        latest = latest == null ? event.get() : latest;
                        // A schedule-interview after a revision is a duplicate its function ignored: the latest revision decides.
                        boolean schedule = DetailType.SCHEDULE_INTERVIEW.wireName().equals(r.getString(2));
                        if (!schedule || latest == event.get()) {
                            CandidateDetail detail = latest.event().detail();
                            String interviewId = detail.interview().interviewId();
                            InvitedInterview interview = new InvitedInterview(uid, detail.candidateId(), interviewId, latest.id(),
                                    sequence(c, detail.candidateId(), interviewId), detail.toEmail().address(),
                                    DetailType.CANCEL_INTERVIEW.wireName().equals(r.getString(2)));
                            return Optional.of(new Found(interview, detail.fromEmail().address().toLowerCase(Locale.ROOT), latest.detail()));
                        }
                    }
                }
                return Optional.empty();
            }
        });
    }

    private record Latest(String id, String uid, HiringEvent event, ObjectNode detail) {
    }

    /** The event read as the interview functions read it (defaults applied); empty when they would refuse it. */
    private Optional<Latest> parse(String id, String envelope) {
        try {
            JsonNode json = JSON.readTree(envelope);
            HiringEvent event = HiringEvents.parse(json, clock);
            if (event.detail().interview() == null || !(json.get("detail") instanceof ObjectNode detail)) {
                return Optional.empty();
            }
            return Optional.of(new Latest(id, InterviewCalendars.uid(event.detail().candidateId(), event.detail().interview().interviewId()),
                    event, detail));
        } catch (IOException | InvalidEventException e) {
            return Optional.empty();
        }
    }

    private static int sequence(java.sql.Connection c, String candidateId, String interviewId) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(sequence) FROM interview_revisions WHERE candidate_id=? AND interview_id=?")) {
            s.setString(1, candidateId);
            s.setString(2, interviewId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

}
