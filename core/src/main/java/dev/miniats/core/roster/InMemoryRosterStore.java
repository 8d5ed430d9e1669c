package dev.miniats.core.roster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link RosterStore} in this process's memory: rosters last as long as the process. For tests, and for a
 * single-process runtime that accepts losing them on restart (the local runtime passes SQLite
 * adapters instead). Passes the port's contract suite. Thread-safe: every method is synchronized.
 */
public final class InMemoryRosterStore implements RosterStore {
    private final Map<String, Map<String, RosterEntry>> rosters = new TreeMap<>();

    private static String rosterId(String companyName, LocalDate testingDay) {
        return companyName.toLowerCase(Locale.ROOT) + "#" + testingDay;
    }

    @Override
    public synchronized void record(RosterEntry entry) {
        rosters.computeIfAbsent(rosterId(entry.companyName(), entry.testingDay()), id -> new TreeMap<>())
                .put(entry.candidateId(), entry);
    }

    @Override
    public synchronized List<RosterEntry> roster(String companyName, LocalDate testingDay) {
        return new ArrayList<>(rosters.getOrDefault(rosterId(companyName, testingDay), Map.of()).values());
    }
}
