package dev.miniats.local.sqlite;

import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PipelineStore} in SQLite: one row per (candidate, event), so a redelivered event changes
 * nothing. Thread-safe.
 */
public final class SqlitePipelineStore implements PipelineStore {
    private final Database db;

    public SqlitePipelineStore(Database db) {
        this.db = db;
    }

    @Override
    public void record(StageChange change) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR IGNORE INTO pipeline_history (candidate_id, event_id, stage, at_millis, company_name, candidate_name)"
                            + " VALUES (?,?,?,?,?,?)")) {
                s.setString(1, change.candidateId());
                s.setString(2, change.eventId());
                s.setString(3, change.stage().label());
                s.setLong(4, change.at().toEpochMilli());
                s.setString(5, change.companyName());
                s.setString(6, change.candidateName());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<StageChange> history(String candidateId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT candidate_id, event_id, stage, at_millis, company_name, candidate_name FROM pipeline_history"
                            + " WHERE candidate_id=? ORDER BY at_millis, event_id")) {
                s.setString(1, candidateId);
                List<StageChange> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Stage stage = Stage.fromLabel(r.getString(3))
                                .orElseThrow(() -> new IllegalStateException("unknown stage in pipeline_history"));
                        out.add(new StageChange(r.getString(1), r.getString(2), stage, Instant.ofEpochMilli(r.getLong(4)),
                                r.getString(5), r.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    /** A candidate with their current (latest) stage. */
    public record Candidate(String candidateId, String candidateName, String companyName, Stage stage, Instant since) {
    }

    /** Candidates whose latest stage is {@code stage} (any stage when null), most recent first. */
    public List<Candidate> candidates(Stage stage, int limit, int offset) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT candidate_id, candidate_name, company_name, stage, at_millis FROM ("
                            + " SELECT *, row_number() OVER (PARTITION BY candidate_id ORDER BY at_millis DESC, event_id DESC) AS rn"
                            + " FROM pipeline_history) WHERE rn = 1 AND (? IS NULL OR stage = ?)"
                            + " ORDER BY at_millis DESC, candidate_id LIMIT ? OFFSET ?")) {
                String label = stage == null ? null : stage.label();
                s.setString(1, label);
                s.setString(2, label);
                s.setInt(3, limit);
                s.setInt(4, offset);
                List<Candidate> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Candidate(r.getString(1), r.getString(2), r.getString(3),
                                Stage.fromLabel(r.getString(4)).orElseThrow(), Instant.ofEpochMilli(r.getLong(5))));
                    }
                }
                return out;
            }
        });
    }

    /** How many candidates are at each stage now (their latest stage). */
    public java.util.Map<Stage, Integer> countsByStage() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT stage, count(*) FROM (SELECT stage, row_number() OVER (PARTITION BY candidate_id"
                            + " ORDER BY at_millis DESC, event_id DESC) AS rn FROM pipeline_history) WHERE rn = 1 GROUP BY stage")) {
                java.util.Map<Stage, Integer> out = new java.util.EnumMap<>(Stage.class);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(Stage.fromLabel(r.getString(1)).orElseThrow(), r.getInt(2));
                    }
                }
                return out;
            }
        });
    }
}
