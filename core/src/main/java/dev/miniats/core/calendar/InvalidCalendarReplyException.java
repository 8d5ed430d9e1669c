package dev.miniats.core.calendar;

/**
 * Thrown when a mail is not a readable iTIP {@code REPLY}: no {@code text/calendar} part, a
 * calendar ical4j cannot parse, another {@code METHOD}, or a VEVENT without UID or ATTENDEE.
 * Not retryable: the same mail fails the same way.
 */
public class InvalidCalendarReplyException extends IllegalArgumentException {
    public InvalidCalendarReplyException(String message) {
        super(message);
    }

    public InvalidCalendarReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
