package dev.miniats.core.roster;

import java.time.LocalDate;
import java.util.List;

/**
 * Port: partner companies' rosters of candidates per on-site testing day. A candidate is on a
 * company's day once: recording again (a redelivery, or another event for the same candidate)
 * replaces the entry. Company names compare ignoring case, as the routing's partner filter
 * does. Adapters pass {@code RosterStoreContract} in core's test-jar.
 *
 * <p>Implementations are thread-safe.
 */
public interface RosterStore {
    /** Puts the entry's candidate on its company's testing day, replacing an earlier entry for them. */
    void record(RosterEntry entry);

    /** The roster of {@code companyName} (any case) for {@code testingDay}, ordered by candidate id. */
    List<RosterEntry> roster(String companyName, LocalDate testingDay);
}
