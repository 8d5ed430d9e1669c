package dev.miniats.core.calendar;

import java.util.Objects;

/**
 * A rendered iCalendar object (RFC 5545) for one interview, ready to go into an email.
 *
 * @param method   the iTIP method; equals the {@code METHOD} inside {@code ics}
 * @param uid      the event's UID, stable for the interview across schedule, reschedule and cancel
 * @param sequence the event's SEQUENCE: 0 when scheduled, one more on every later revision
 * @param ics      the calendar text, CRLF line endings and folded lines as RFC 5545 section 3.1 asks
 */
public record CalendarInvite(CalendarMethod method, String uid, int sequence, String ics) {
    public CalendarInvite {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(ics, "ics");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence is " + sequence + "; expected 0 or more (RFC 5545 section 3.8.7.4)");
        }
        if (!ics.startsWith("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("ics does not start with BEGIN:VCALENDAR; expected an iCalendar object");
        }
    }
}
