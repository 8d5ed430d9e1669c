package dev.miniats.local.sqlite;

import dev.miniats.core.roster.RosterEntry;
import dev.miniats.core.roster.RosterStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link RosterStore} in SQLite; company names compare ignoring case, as the partner filter does. Thread-safe. */
public final class SqliteRosterStore implements RosterStore {
    private final Database db;

    public SqliteRosterStore(Database db) {
        this.db = db;
    }

    @Override
    public void record(RosterEntry entry) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO roster (company_key, company_name, testing_day, candidate_id, candidate_name, event_id, recorded_at)"
                            + " VALUES (?,?,?,?,?,?,?)")) {
                s.setString(1, entry.companyName().toLowerCase(Locale.ROOT));
                s.setString(2, entry.companyName());
                s.setString(3, entry.testingDay().toString());
                s.setString(4, entry.candidateId());
                s.setString(5, entry.candidateName());
                s.setString(6, entry.eventId());
                s.setLong(7, entry.recordedAt().toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<RosterEntry> roster(String companyName, LocalDate testingDay) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT company_name, testing_day, candidate_id, candidate_name, event_id, recorded_at FROM roster"
                            + " WHERE company_key=? AND testing_day=? ORDER BY candidate_id")) {
                s.setString(1, companyName.toLowerCase(Locale.ROOT));
                s.setString(2, testingDay.toString());
                List<RosterEntry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new RosterEntry(r.getString(1), LocalDate.parse(r.getString(2)), r.getString(3), r.getString(4),
                                r.getString(5), Instant.ofEpochMilli(r.getLong(6))));
                    }
                }
                return out;
            }
        });
    }

    /** The testing days {@code companyName} (any case) has candidates on, with their counts, newest first. */
    public java.util.Map<String, Integer> days(String companyName) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT testing_day, count(*) FROM roster WHERE company_key=? GROUP BY testing_day ORDER BY testing_day DESC")) {
                s.setString(1, companyName.toLowerCase(Locale.ROOT));
                java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getInt(2));
                    }
                }
                return out;
            }
        });
    }
}
