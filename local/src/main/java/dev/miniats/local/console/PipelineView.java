package dev.miniats.local.console;

import java.util.List;
import java.util.Optional;

/**
 * The pipeline as the console shows it: candidates by stage. A port, so the projection derived
 * from the event log today can be replaced by the functions' pipeline store without touching the
 * pages. Implementations are thread-safe.
 */
interface PipelineView {
    /** One page of candidates matching {@code query} (name or email, case-insensitive) and {@code stage} (null: all). */
    Board board(String query, Stage stage, int page, int pageSize);

    Optional<Candidate> candidate(String key);

    /** A candidate's latest known facts. */
    record Candidate(String key, String name, String email, String company, Stage stage, String lastDetailType,
                     long updatedAt) {
        public String stageKey() {
            return stage.key();
        }

        public String stageLabel() {
            return stage.label();
        }
    }

    /** How many candidates are in a stage; {@code percent} of the largest stage, for the funnel bars. */
    record StageCount(Stage stage, int count, int percent, boolean selected) {
        public String key() {
            return stage.key();
        }

        public String label() {
            return stage.label();
        }
    }

    record Board(List<StageCount> stages, int total, List<Candidate> candidates, int matching, int page, int pages) {
    }
}
