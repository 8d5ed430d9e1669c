package dev.miniats.core.roster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One candidate on a partner company's on-site testing day.
 *
 * @param companyName   the partner company, as the event spelled it
 * @param testingDay    the on-site testing day ({@code detail.partner.testingDay})
 * @param candidateId   who
 * @param candidateName the name to put on the roster
 * @param eventId       the event that (last) put the candidate on the roster
 * @param recordedAt    the event's time, in whole milliseconds
 */
public record RosterEntry(String companyName, LocalDate testingDay, String candidateId, String candidateName,
                          String eventId, Instant recordedAt) {
    public RosterEntry {
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(testingDay, "testingDay");
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(candidateName, "candidateName");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
