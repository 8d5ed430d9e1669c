package dev.miniats.local.sqlite;

import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PipelineStore} in SQLite: one row per (candidate, event), so a redelivered event changes
 * nothing. Rows are only ever inserted, never updated or deleted, so their rowids grow with time
 * of recording: a reader loads {@link #latest} once, remembers the last rowid, and then reads only
 * what came after ({@link #recordedAfter}). Thread-safe.
 */
public final class SqlitePipelineStore implements PipelineStore {
    private static final String COLUMNS = "candidate_id, event_id, stage, at_millis, company_name, candidate_name";

    private final Database db;

    public SqlitePipelineStore(Database db) {
        this.db = db;
    }

    /** A recorded change and the row it was recorded in; a larger {@code rowId} was recorded later. */
    public record Recorded(long rowId, StageChange change) {
    }

    @Override
    public void record(StageChange change) {
        recordAll(List.of(change));
    }

    /** Records every change in one transaction (a batch costs one commit); each one is idempotent like {@link #record}. */
    public void recordAll(List<StageChange> changes) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR IGNORE INTO pipeline_history (" + COLUMNS + ") VALUES (?,?,?,?,?,?)")) {
                for (StageChange change : changes) {
                    s.setString(1, change.candidateId());
                    s.setString(2, change.eventId());
                    s.setString(3, change.stage().label());
                    s.setLong(4, change.at().toEpochMilli());
                    s.setString(5, change.companyName());
                    s.setString(6, change.candidateName());
                    s.addBatch();
                }
                return s.executeBatch().length;
            }
        });
    }

    @Override
    public List<StageChange> history(String candidateId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM pipeline_history WHERE candidate_id=? ORDER BY at_millis, event_id")) {
                s.setString(1, candidateId);
                List<StageChange> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(change(r, 1));
                    }
                }
                return out;
            }
        });
    }

    /** Each candidate's latest change, as of row {@code lastRowId}. */
    public record Latest(long lastRowId, List<StageChange> changes) {
    }

    /**
     * Each candidate's latest change (by time, then event id, as {@link #history} orders them),
     * grouped in SQLite along the {@code pipeline_history_time} index rather than read row by row.
     * One statement, so the changes and {@code lastRowId} come from the same snapshot.
     */
    public Latest latest() {
        return db.read(c -> {
            // SQLite takes the bare columns of a max() aggregate from the row holding the maximum
            // (https://www.sqlite.org/lang_select.html#bareagg); the key orders by time, then event id.
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", max(printf('%020d', at_millis) || event_id),"
                    + " (SELECT coalesce(max(rowid), 0) FROM pipeline_history) FROM pipeline_history GROUP BY candidate_id")) {
                List<StageChange> out = new ArrayList<>();
                long lastRowId = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(change(r, 1));
                        lastRowId = r.getLong(8);
                    }
                }
                return new Latest(lastRowId, out);
            }
        });
    }

    /** Every change recorded after row {@code rowId}, in the order they were recorded. */
    public List<Recorded> recordedAfter(long rowId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT rowid, " + COLUMNS + " FROM pipeline_history WHERE rowid > ? ORDER BY rowid")) {
                s.setLong(1, rowId);
                List<Recorded> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Recorded(r.getLong(1), change(r, 2)));
                    }
                }
                return out;
            }
        });
    }

    private static StageChange change(ResultSet r, int first) throws SQLException {
        String label = r.getString(first + 2);
        Stage stage = Stage.fromLabel(label)
                .orElseThrow(() -> new StoreException("pipeline_history holds an unknown stage '" + label + "'", null));
        return new StageChange(r.getString(first), r.getString(first + 1), stage, Instant.ofEpochMilli(r.getLong(first + 3)),
                r.getString(first + 4), r.getString(first + 5));
    }
}
