package dev.miniats.core.event;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The partner stage ({@code detail.partner}), read only for partner companies' events.
 *
 * @param testingDay the on-site testing day the candidate is put on the roster for
 *                   ({@code detail.partner.testingDay}, an ISO date); defaults to seven days
 *                   after the event, like the assessment's due date
 */
public record Partner(LocalDate testingDay) {
    public static final int DEFAULT_DAYS_TO_TESTING_DAY = 7;

    public Partner {
        Objects.requireNonNull(testingDay, "testingDay");
    }
}
