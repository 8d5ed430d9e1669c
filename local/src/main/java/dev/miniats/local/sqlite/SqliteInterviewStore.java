package dev.miniats.local.sqlite;

import dev.miniats.core.calendar.InterviewStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * {@link InterviewStore} in SQLite: the revision's recorded sequence, else the interview's
 * counter raised and recorded for the revision, in one write transaction, so it is atomic and a
 * revision never gets two numbers. Thread-safe.
 */
public final class SqliteInterviewStore implements InterviewStore {
    private final Database db;

    public SqliteInterviewStore(Database db) {
        this.db = db;
    }

    @Override
    public int sequenceFor(String candidateId, String interviewId, String revisionKey) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sequence FROM interview_revisions WHERE revision_key=?")) {
                s.setString(1, revisionKey);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return r.getInt(1);
                    }
                }
            }
            int sequence;
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO interview_sequences (candidate_id, interview_id, sequence) VALUES (?,?,1)"
                            + " ON CONFLICT (candidate_id, interview_id) DO UPDATE SET sequence = sequence + 1 RETURNING sequence")) {
                s.setString(1, candidateId);
                s.setString(2, interviewId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    sequence = r.getInt(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO interview_revisions (revision_key, candidate_id, interview_id, sequence) VALUES (?,?,?,?)")) {
                s.setString(1, revisionKey);
                s.setString(2, candidateId);
                s.setString(3, interviewId);
                s.setInt(4, sequence);
                s.executeUpdate();
            }
            return sequence;
        });
    }
}
