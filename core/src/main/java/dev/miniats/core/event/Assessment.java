package dev.miniats.core.event;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The assessment stage: where the candidate takes it and by when.
 *
 * @param link    the assessment URL; null when the company sends it separately
 * @param dueDate the last day to complete it; defaults to seven days after the event
 * @param score   the candidate's result, 0 to {@value #MAX_SCORE}, on {@code assessment-completed}; null otherwise
 */
public record Assessment(String link, LocalDate dueDate, Integer score) {
    public static final int DEFAULT_DAYS_TO_COMPLETE = 7;
    public static final int MAX_SCORE = 100;

    public Assessment {
        Objects.requireNonNull(dueDate, "dueDate");
        if (score != null && (score < 0 || score > MAX_SCORE)) {
            throw new InvalidEventException("detail.assessment.score", score.toString(), "an integer from 0 to " + MAX_SCORE);
        }
    }
}
