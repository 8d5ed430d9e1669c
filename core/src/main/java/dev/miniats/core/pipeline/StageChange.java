package dev.miniats.core.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of a candidate's history.
 *
 * @param candidateId   whose history
 * @param eventId       the event that caused it; recording the same event twice keeps one entry
 * @param stage         the stage reached
 * @param at            the event's time, in whole milliseconds
 * @param companyName   the hiring company
 * @param candidateName the candidate's name at that time
 */
public record StageChange(String candidateId, String eventId, Stage stage, Instant at, String companyName, String candidateName) {
    public StageChange {
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(candidateName, "candidateName");
        if (candidateId.isBlank() || eventId.isBlank()) {
            throw new IllegalArgumentException("candidateId and eventId must not be blank; expected the event's ids");
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
    }
}
