package dev.miniats.core.calendar;

/**
 * The iTIP method of an invite (RFC 5546 section 1.4). The same value appears twice: as the
 * calendar's {@code METHOD} property and as the {@code method} parameter of the
 * {@code text/calendar} MIME part, which RFC 6047 section 2.4 requires to be equal.
 */
public enum CalendarMethod {
    /** Schedules an event, or updates one the attendee already has (same UID, higher SEQUENCE). */
    REQUEST,
    /** Cancels an event the attendee already has (same UID, higher SEQUENCE, STATUS:CANCELLED). */
    CANCEL;

    /** The value as written in iCalendar and MIME, e.g. {@code REQUEST}. */
    public String wireName() {
        return name();
    }
}
