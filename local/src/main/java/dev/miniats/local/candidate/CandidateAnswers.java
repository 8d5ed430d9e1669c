package dev.miniats.local.candidate;

import dev.miniats.functions.pages.AnswerStore;
import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * The answers candidates gave, at most one per candidate, topic and asking event: the first
 * answer claims the row, later clicks read it back. Thread-safe (SQLite serializes writers).
 */
final class CandidateAnswers implements AnswerStore {
    private final Database db;
    private final Clock clock;

    CandidateAnswers(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<Answer> claim(String candidateId, String topic, String askedBy, String detailType) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO candidate_answers"
                    + " (candidate_id, topic, asked_by, detail_type, answered_at) VALUES (?,?,?,?,?)")) {
                key(s, 1, candidateId, topic, askedBy);
                s.setString(4, detailType);
                s.setLong(5, clock.millis());
                if (s.executeUpdate() == 1) {
                    return Optional.<Answer>empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT detail_type, answer_event_id FROM candidate_answers"
                    + " WHERE candidate_id=? AND topic=? AND asked_by=?")) {
                key(s, 1, candidateId, topic, askedBy);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.of(new Answer(r.getString(1), r.getString(2)));
                }
            }
        });
    }

    @Override
    public void published(String candidateId, String topic, String askedBy, String eventId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE candidate_answers SET answer_event_id=?"
                    + " WHERE candidate_id=? AND topic=? AND asked_by=?")) {
                s.setString(1, eventId);
                key(s, 2, candidateId, topic, askedBy);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void release(String candidateId, String topic, String askedBy) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM candidate_answers WHERE candidate_id=? AND topic=? AND asked_by=?")) {
                key(s, 1, candidateId, topic, askedBy);
                return s.executeUpdate();
            }
        });
    }

    /** Binds the answer's key (candidate, topic, asking event) from parameter {@code first} on. */
    private static void key(PreparedStatement s, int first, String candidateId, String topic, String askedBy) throws java.sql.SQLException {
        s.setString(first, candidateId);
        s.setString(first + 1, topic);
        s.setString(first + 2, askedBy);
    }
}
