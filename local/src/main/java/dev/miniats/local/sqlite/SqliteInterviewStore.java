package dev.miniats.local.sqlite;

import dev.miniats.core.calendar.InterviewStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** {@link InterviewStore} in SQLite: an upsert-and-read in one write transaction, so it is atomic. Thread-safe. */
public final class SqliteInterviewStore implements InterviewStore {
    private final Database db;

    public SqliteInterviewStore(Database db) {
        this.db = db;
    }

    @Override
    public int nextSequence(String candidateId, String interviewId) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO interview_sequences (candidate_id, interview_id, sequence) VALUES (?,?,1)"
                            + " ON CONFLICT (candidate_id, interview_id) DO UPDATE SET sequence = sequence + 1 RETURNING sequence")) {
                s.setString(1, candidateId);
                s.setString(2, interviewId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }
}
