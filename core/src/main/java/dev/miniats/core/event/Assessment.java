package dev.miniats.core.event;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The assessment stage: where the candidate takes it and by when.
 *
 * @param link    the assessment URL; null when the company sends it separately
 * @param dueDate the last day to complete it; defaults to seven days after the event
 */
public record Assessment(String link, LocalDate dueDate) {
    public static final int DEFAULT_DAYS_TO_COMPLETE = 7;

    public Assessment {
        Objects.requireNonNull(dueDate, "dueDate");
    }
}
