package dev.miniats.core.pipeline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link PipelineStore} adapter must have. Extend it and return a new,
 * empty store from {@link #newStore()}.
 */
public abstract class PipelineStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private PipelineStore store;

    protected abstract PipelineStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static StageChange change(String candidate, String eventId, Stage stage, Instant at) {
        return new StageChange(candidate, eventId, stage, at, "Acme", "Ada Lovelace");
    }

    @Test
    void a_candidates_history_is_oldest_first_whatever_the_recording_order() {
        store.record(change("cand-1", "e-3", Stage.OFFER_SENT, T0.plusSeconds(300)));
        store.record(change("cand-1", "e-1", Stage.ASSESSMENT_SENT, T0));
        store.record(change("cand-1", "e-2", Stage.INTERVIEW_SCHEDULED, T0.plusMillis(1500)));

        assertThat(store.history("cand-1")).extracting(StageChange::stage)
                .containsExactly(Stage.ASSESSMENT_SENT, Stage.INTERVIEW_SCHEDULED, Stage.OFFER_SENT);
        assertThat(store.history("cand-1").get(1)).isEqualTo(change("cand-1", "e-2", Stage.INTERVIEW_SCHEDULED, T0.plusMillis(1500)));
    }

    @Test
    void recording_the_same_event_twice_keeps_one_entry() {
        store.record(change("cand-1", "e-1", Stage.ASSESSMENT_SENT, T0));
        store.record(change("cand-1", "e-1", Stage.ASSESSMENT_SENT, T0));

        assertThat(store.history("cand-1")).hasSize(1);
    }

    @Test
    void histories_are_kept_per_candidate_and_an_unknown_one_is_empty() {
        store.record(change("cand-1", "e-1", Stage.ASSESSMENT_SENT, T0));
        store.record(change("cand-2", "e-2", Stage.PARTNER_ROSTER, T0));

        assertThat(store.history("cand-2")).extracting(StageChange::stage).containsExactly(Stage.PARTNER_ROSTER);
        assertThat(store.history("nobody")).isEmpty();
    }

    @Test
    void events_at_the_same_instant_are_ordered_by_event_id() {
        store.record(change("cand-1", "e-b", Stage.INTERVIEW_CANCELLED, T0));
        store.record(change("cand-1", "e-a", Stage.INTERVIEW_RESCHEDULED, T0));

        assertThat(store.history("cand-1")).extracting(StageChange::eventId).containsExactly("e-a", "e-b");
    }
}
