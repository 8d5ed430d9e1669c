package dev.miniats.core.calendar;

import java.util.Locale;
import java.util.Objects;

/**
 * One attendee's answer to an invite, as an iTIP {@code REPLY} carries it (RFC 5546 section
 * 3.2.3): the event's UID and the SEQUENCE of the revision answered, the attendee's address and
 * the participation status they chose.
 *
 * @param uid       the VEVENT's UID; names the interview the reply answers
 * @param sequence  the SEQUENCE of the revision the attendee answered (0 when absent, as RFC 5545 section 3.8.7.4 says)
 * @param attendee  the replying attendee's address, lower case, without {@code mailto:}
 * @param partStat  what the attendee answered
 * @param organizer the organizer's address the reply was sent to, lower case; null when the reply names none
 */
public record CalendarReply(String uid, int sequence, String attendee, PartStatus partStat, String organizer) {
    /** The participation statuses a reply to a VEVENT may carry (RFC 5545 section 3.2.12). */
    public enum PartStatus { ACCEPTED, DECLINED, TENTATIVE, DELEGATED, NEEDS_ACTION }

    public CalendarReply {
        Objects.requireNonNull(partStat, "partStat");
        if (uid == null || uid.isBlank()) {
            throw new InvalidCalendarReplyException("the reply's VEVENT has no UID; expected the UID of the invite it answers");
        }
        if (sequence < 0) {
            throw new InvalidCalendarReplyException("SEQUENCE is " + sequence + "; expected 0 or more (RFC 5545 section 3.8.7.4)");
        }
        if (attendee == null || !attendee.contains("@")) {
            throw new InvalidCalendarReplyException("ATTENDEE is '" + attendee + "'; expected a mailto: address");
        }
        attendee = attendee.toLowerCase(Locale.ROOT);
        organizer = organizer == null ? null : organizer.toLowerCase(Locale.ROOT);
    }
}
