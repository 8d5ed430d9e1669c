package dev.miniats.core.roster;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link RosterStore} adapter must have. Extend it and return a new,
 * empty store from {@link #newStore()}.
 */
public abstract class RosterStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-03");
    private RosterStore store;

    protected abstract RosterStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static RosterEntry entry(String company, LocalDate day, String candidateId, String name, String eventId) {
        return new RosterEntry(company, day, candidateId, name, eventId, T0);
    }

    @Test
    void a_testing_days_roster_lists_its_candidates_by_id_with_name_and_event() {
        store.record(entry("Insight Partners", DAY, "cand-2", "Grace Hopper", "e-2"));
        store.record(entry("Insight Partners", DAY, "cand-1", "Ada Lovelace", "e-1"));

        assertThat(store.roster("Insight Partners", DAY)).containsExactly(
                entry("Insight Partners", DAY, "cand-1", "Ada Lovelace", "e-1"),
                entry("Insight Partners", DAY, "cand-2", "Grace Hopper", "e-2"));
    }

    @Test
    void a_candidate_is_on_a_day_once_and_the_latest_recording_wins() {
        store.record(entry("Insight Partners", DAY, "cand-1", "Ada", "e-1"));
        store.record(entry("Insight Partners", DAY, "cand-1", "Ada Lovelace", "e-2"));

        assertThat(store.roster("Insight Partners", DAY)).containsExactly(entry("Insight Partners", DAY, "cand-1", "Ada Lovelace", "e-2"));
    }

    @Test
    void company_names_compare_ignoring_case() {
        store.record(entry("insight partners", DAY, "cand-1", "Ada", "e-1"));

        assertThat(store.roster("INSIGHT PARTNERS", DAY)).extracting(RosterEntry::candidateId).containsExactly("cand-1");
    }

    @Test
    void rosters_are_separate_per_company_and_day() {
        store.record(entry("Insight Partners", DAY, "cand-1", "Ada", "e-1"));
        store.record(entry("Other Partner", DAY, "cand-2", "Grace", "e-2"));
        store.record(entry("Insight Partners", DAY.plusDays(1), "cand-3", "Alan", "e-3"));

        assertThat(store.roster("Insight Partners", DAY)).extracting(RosterEntry::candidateId).containsExactly("cand-1");
        assertThat(store.roster("Insight Partners", DAY.minusDays(1))).isEmpty();
    }
}
