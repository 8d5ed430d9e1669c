package dev.miniats.local.ats;

import dev.miniats.core.roster.RosterEntry;
import dev.miniats.local.sqlite.SqliteRosterStore;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partner rosters that the {@code collect-partner-roster} function keeps, as the console and
 * {@code /_ats/roster} read them. Company names compare ignoring case, as the partner filter does.
 * Thread-safe.
 */
public final class RosterReadModel {
    private final SqliteRosterStore store;

    public RosterReadModel(SqliteRosterStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The ISO testing days {@code company} has candidates on, newest first, with how many each. */
    public Map<String, Integer> days(String company) {
        return store.days(company);
    }

    /** One day's roster, by candidate id. */
    public List<RosterEntry> roster(String company, LocalDate day) {
        return store.roster(company, day);
    }
}
