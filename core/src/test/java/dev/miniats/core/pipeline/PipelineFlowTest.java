package dev.miniats.core.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineFlowTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private final List<StageChange> changes = new ArrayList<>();

    private void at(String candidate, Stage stage, double hours) {
        changes.add(new StageChange(candidate, candidate + "-" + changes.size(), stage, T0.plusSeconds(Math.round(hours * 3600)), "Acme", candidate));
    }

    private static PipelineFlow.Step step(PipelineFlow flow, Stage stage) {
        return flow.steps().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }

    @Test
    void reached_counts_every_candidate_at_a_step_or_further_and_conversion_follows_from_it() {
        at("a", Stage.ASSESSMENT_SENT, 0);
        at("a", Stage.ASSESSMENT_COMPLETED, 24);
        at("a", Stage.INTERVIEW_SCHEDULED, 48);
        at("b", Stage.ASSESSMENT_SENT, 0);
        at("b", Stage.REJECTED, 10);
        at("c", Stage.INTERVIEW_SCHEDULED, 0); // straight to an interview: passed the assessment steps
        at("c", Stage.INTERVIEW_RESCHEDULED, 5);
        at("c", Stage.INTERVIEW_CONFIRMED, 6);
        at("c", Stage.OFFER_SENT, 30);
        at("c", Stage.HIRED, 40);

        PipelineFlow flow = PipelineFlow.of(changes);

        assertThat(flow.steps()).extracting(PipelineFlow.Step::reached).containsExactly(3, 3, 2, 2, 1, 1, 1); // everyone in the pipeline counts as applied
        assertThat(step(flow, Stage.ASSESSMENT_SENT).conversion()).contains(66);
        assertThat(step(flow, Stage.INTERVIEW_SCHEDULED).conversion()).contains(50);
        assertThat(step(flow, Stage.APPLIED).conversion()).contains(100);
        assertThat(step(flow, Stage.HIRED).conversion()).isEmpty();
        assertThat(flow.rejected()).isEqualTo(1);
        assertThat(flow.withdrawn()).isZero();
    }

    @Test
    void time_in_stage_is_the_median_stay_of_those_who_moved_on_and_a_reschedule_does_not_restart_it() {
        at("a", Stage.ASSESSMENT_SENT, 0);
        at("a", Stage.ASSESSMENT_COMPLETED, 24);
        at("b", Stage.ASSESSMENT_SENT, 0);
        at("b", Stage.WITHDRAWN, 10);
        at("c", Stage.ASSESSMENT_SENT, 0); // still waiting: not in the median
        at("d", Stage.INTERVIEW_SCHEDULED, 0);
        at("d", Stage.INTERVIEW_RESCHEDULED, 5);
        at("d", Stage.INTERVIEW_CONFIRMED, 6);

        PipelineFlow flow = PipelineFlow.of(changes);

        assertThat(step(flow, Stage.ASSESSMENT_SENT).medianTime()).contains(Duration.ofHours(17));
        assertThat(step(flow, Stage.ASSESSMENT_SENT).left()).isEqualTo(2);
        assertThat(step(flow, Stage.INTERVIEW_SCHEDULED).medianTime()).contains(Duration.ofHours(6));
        assertThat(step(flow, Stage.INTERVIEW_CONFIRMED).medianTime()).isEqualTo(Optional.empty());
        assertThat(flow.withdrawn()).isEqualTo(1);
    }

    @Test
    void no_history_is_an_empty_funnel() {
        PipelineFlow flow = PipelineFlow.of(List.of());

        assertThat(flow.steps()).hasSize(PipelineFlow.FUNNEL.size()).allSatisfy(s -> {
            assertThat(s.reached()).isZero();
            assertThat(s.conversion()).isEmpty();
        });
    }
}
