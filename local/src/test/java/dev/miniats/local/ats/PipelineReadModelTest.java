package dev.miniats.local.ats;

import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.SqlitePipelineStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineReadModelTest {
    private static final Instant DAY_ONE = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private SqlitePipelineStore store;
    private PipelineReadModel pipeline;

    @BeforeEach
    void open() {
        db = Database.open(dir, false);
        store = new SqlitePipelineStore(db);
        pipeline = new PipelineReadModel(store);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_candidate_stands_at_their_latest_change_by_event_time_even_when_it_was_recorded_first() {
        store.record(change("ada", "e2", Stage.OFFER_SENT, DAY_ONE.plusSeconds(60)));
        store.record(change("ada", "e1", Stage.ASSESSMENT_SENT, DAY_ONE));

        assertThat(pipeline.candidate("ada")).hasValueSatisfying(c -> assertThat(c.stage()).isEqualTo(Stage.OFFER_SENT));
    }

    @Test
    void changes_recorded_after_the_first_read_move_the_candidate_on_the_next_read_in_event_order() {
        store.record(change("ada", "e1", Stage.ASSESSMENT_SENT, DAY_ONE));
        assertThat(pipeline.candidate("ada").orElseThrow().stage()).isEqualTo(Stage.ASSESSMENT_SENT);

        store.record(change("ada", "e3", Stage.INTERVIEW_SCHEDULED, DAY_ONE.plusSeconds(120)));
        store.record(change("ada", "e2", Stage.INTERVIEW_CANCELLED, DAY_ONE.plusSeconds(60)));
        store.record(change("grace", "e4", Stage.ASSESSMENT_SENT, DAY_ONE.plusSeconds(30)));

        assertThat(pipeline.candidate("ada").orElseThrow().stage()).isEqualTo(Stage.INTERVIEW_SCHEDULED);
        assertThat(pipeline.search(null, null, 0, 10).candidates()).extracting(PipelineReadModel.Candidate::id)
                .containsExactly("ada", "grace");
    }

    @Test
    void changes_of_the_same_moment_are_ordered_by_event_id_as_the_history_is_on_first_load_and_after() {
        store.record(change("ada", "e-b", Stage.OFFER_SENT, DAY_ONE));
        store.record(change("ada", "e-a", Stage.ASSESSMENT_SENT, DAY_ONE));
        assertThat(pipeline.candidate("ada").orElseThrow().stage()).isEqualTo(Stage.OFFER_SENT);

        store.record(change("ada", "e-c", Stage.INTERVIEW_SCHEDULED, DAY_ONE));
        store.record(change("ada", "e-0", Stage.RECEIVED, DAY_ONE));

        assertThat(pipeline.candidate("ada").orElseThrow().stage()).isEqualTo(Stage.INTERVIEW_SCHEDULED);
        assertThat(pipeline.history("ada").get(3).stage()).as("the history's last entry").isEqualTo(Stage.INTERVIEW_SCHEDULED);
    }

    @Test
    void a_search_filters_by_stage_and_name_or_id_counts_every_stage_and_pages() {
        store.recordAll(List.of(change("ada", "e1", Stage.ASSESSMENT_SENT, DAY_ONE),
                change("grace", "e2", Stage.ASSESSMENT_SENT, DAY_ONE.plusSeconds(1)),
                change("linus", "e3", Stage.OFFER_SENT, DAY_ONE.plusSeconds(2))));

        PipelineReadModel.Page assessed = pipeline.search(null, Stage.ASSESSMENT_SENT, 1, 5);
        assertThat(assessed.candidates()).extracting(PipelineReadModel.Candidate::id).containsExactly("ada");
        assertThat(assessed.matching()).isEqualTo(2);
        assertThat(assessed.total()).isEqualTo(3);
        assertThat(assessed.counts()).containsEntry(Stage.ASSESSMENT_SENT, 2).containsEntry(Stage.OFFER_SENT, 1)
                .containsEntry(Stage.PARTNER_ROSTER, 0).hasSize(Stage.values().length);
        assertThat(pipeline.search("  NAME OF GRACE ", null, 0, 5).candidates()).extracting(PipelineReadModel.Candidate::id)
                .containsExactly("grace");
        assertThat(pipeline.search(null, null, 10, 5).candidates()).isEmpty();
    }

    private static StageChange change(String candidate, String eventId, Stage stage, Instant at) {
        return new StageChange(candidate, eventId, stage, at, "Criteria Corp", "Name of " + candidate);
    }
}
