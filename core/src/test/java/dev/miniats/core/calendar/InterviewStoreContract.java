package dev.miniats.core.calendar;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link InterviewStore} adapter must have. Extend it and return a new,
 * empty store from {@link #newStore()}.
 */
public abstract class InterviewStoreContract {
    private InterviewStore store;

    protected abstract InterviewStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void each_revision_of_an_interview_gets_the_next_sequence_from_one() {
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-a")).isEqualTo(1);
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-b")).isEqualTo(2);
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-c")).isEqualTo(3);
    }

    @Test
    void a_revision_asked_again_after_a_crash_keeps_its_sequence() {
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-a")).isEqualTo(1);
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-b")).isEqualTo(2);

        assertThat(store.sequenceFor("cand-1", "int-1", "rev-a")).isEqualTo(1);
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-b")).isEqualTo(2);
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-c")).isEqualTo(3);
    }

    @Test
    void interviews_count_separately_per_candidate_and_interview() {
        store.sequenceFor("cand-1", "int-1", "rev-a");

        assertThat(store.sequenceFor("cand-1", "int-2", "rev-b")).isEqualTo(1);
        assertThat(store.sequenceFor("cand-2", "int-1", "rev-c")).isEqualTo(1);
    }

    @Test
    void concurrent_revisions_get_distinct_sequences() throws Exception {
        List<Integer> sequences = AtOnce.run(8, i -> store.sequenceFor("cand-1", "int-1", "rev-" + i));

        assertThat(sequences).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void concurrent_runs_of_one_revision_share_one_sequence() throws Exception {
        List<Integer> sequences = AtOnce.run(8, i -> store.sequenceFor("cand-1", "int-1", "rev-a"));

        assertThat(sequences).containsOnly(sequences.get(0));
        assertThat(store.sequenceFor("cand-1", "int-1", "rev-b")).isGreaterThan(sequences.get(0));
    }
}
