package dev.miniats.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How candidates flow through the hiring funnel, from their stage histories: how many reached each
 * step, the conversion from one step to the next, and the median time spent at each step.
 *
 * <p>The funnel is Applied → Assessment sent → Assessment completed → Interview scheduled →
 * Interview confirmed → Offer sent → Hired. A candidate "reached" a step when their history got
 * there or further (a candidate invited straight to an interview also passed the assessment
 * steps, which a funnel must count so conversions never exceed 100%). Interview rescheduled,
 * reschedule requested, declined and cancelled stay at the interview step; offer declined at the
 * offer step. Time at a step runs from the first change into it to the first change out of it
 * (to any stage, Rejected and Withdrawn included); candidates still at a step do not count yet.
 *
 * @param steps     the funnel's steps, in order
 * @param rejected  candidates whose current stage is Rejected
 * @param withdrawn candidates whose current stage is Withdrawn
 */
public record PipelineFlow(List<Step> steps, int rejected, int withdrawn) {
    /** The funnel, in order. */
    public static final List<Stage> FUNNEL = List.of(Stage.APPLIED, Stage.ASSESSMENT_SENT, Stage.ASSESSMENT_COMPLETED,
            Stage.INTERVIEW_SCHEDULED, Stage.INTERVIEW_CONFIRMED, Stage.OFFER_SENT, Stage.HIRED);
    private static final Comparator<StageChange> ORDER = Comparator.comparing(StageChange::at).thenComparing(StageChange::eventId);

    /**
     * One step of the funnel.
     *
     * @param stage          the step
     * @param reached        candidates who got to this step or further
     * @param conversion     percent of them who got to the next step; empty for the last step or when none reached this one
     * @param medianTime     median time at this step of those who moved on; empty when none has yet
     * @param left           how many moved on from it (the median's sample)
     */
    public record Step(Stage stage, int reached, Optional<Integer> conversion, Optional<Duration> medianTime, int left) {
        public Step {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(conversion, "conversion");
            Objects.requireNonNull(medianTime, "medianTime");
        }
    }

    public PipelineFlow {
        steps = List.copyOf(steps);
    }

    /** The flow of every candidate in {@code changes} (any order; partner and bare events are ignored). */
    public static PipelineFlow of(Collection<StageChange> changes) {
        Map<String, List<StageChange>> byCandidate = new HashMap<>();
        for (StageChange change : changes) {
            byCandidate.computeIfAbsent(change.candidateId(), id -> new ArrayList<>()).add(change);
        }
        int[] reached = new int[FUNNEL.size()];
        List<List<Long>> stays = new ArrayList<>();
        FUNNEL.forEach(s -> stays.add(new ArrayList<>()));
        int rejected = 0;
        int withdrawn = 0;
        for (List<StageChange> history : byCandidate.values()) {
            history.sort(ORDER);
            int furthest = -1;
            int currentLevel = -1;
            long enteredAt = 0;
            for (StageChange change : history) {
                int level = level(change.stage());
                furthest = Math.max(furthest, level);
                if (level == currentLevel) {
                    continue;
                }
                if (currentLevel >= 0) {
                    stays.get(currentLevel).add(change.at().toEpochMilli() - enteredAt);
                }
                currentLevel = level;
                enteredAt = change.at().toEpochMilli();
            }
            for (int i = 0; i <= furthest; i++) {
                reached[i]++;
            }
            Stage current = history.get(history.size() - 1).stage();
            rejected += current == Stage.REJECTED ? 1 : 0;
            withdrawn += current == Stage.WITHDRAWN ? 1 : 0;
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < FUNNEL.size(); i++) {
            Optional<Integer> conversion = i + 1 < FUNNEL.size() && reached[i] > 0
                    ? Optional.of(reached[i + 1] * 100 / reached[i]) : Optional.empty();
            steps.add(new Step(FUNNEL.get(i), reached[i], conversion, median(stays.get(i)), stays.get(i).size()));
        }
        return new PipelineFlow(steps, rejected, withdrawn);
    }

    /** The funnel step a stage counts as; -1 for stages outside it (Rejected, Withdrawn, partner, bare). */
    static int level(Stage stage) {
        return switch (stage) {
            case APPLIED -> 0;
            case ASSESSMENT_SENT -> 1;
            case ASSESSMENT_COMPLETED -> 2;
            case INTERVIEW_SCHEDULED, INTERVIEW_RESCHEDULED, INTERVIEW_RESCHEDULE_REQUESTED, INTERVIEW_DECLINED, INTERVIEW_CANCELLED -> 3;
            case INTERVIEW_CONFIRMED -> 4;
            case OFFER_SENT, OFFER_DECLINED -> 5;
            case HIRED -> 6;
            case REJECTED, WITHDRAWN, PARTNER_ROSTER, RECEIVED -> -1;
        };
    }

    private static Optional<Duration> median(List<Long> millis) {
        if (millis.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int middle = sorted.size() / 2;
        long value = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Optional.of(Duration.ofMillis(value));
    }
}
