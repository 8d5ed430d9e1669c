package dev.miniats.core.calendar;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Content;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the iTIP {@code REPLY}s in a mail (iMIP, RFC 6047) with Jakarta Mail and ical4j. Calendar
 * clients wrap the reply differently: Outlook sends {@code multipart/alternative} with
 * {@code text/plain} and {@code text/calendar; method=REPLY}; Google Calendar nests that
 * alternative in a {@code multipart/mixed} and attaches the same calendar again as
 * {@code application/ics}; Apple Mail may send only the calendar part. Every calendar part is
 * read and the same answer found twice is kept once. Stateless and thread-safe.
 */
public final class CalendarReplies {
    /** Larger mails are refused unread: a reply is a few kilobytes, and the limit bounds the work a sender can cause. */
    public static final int MAX_MAIL_BYTES = 1 << 20;
    private static final Session SESSION = Session.getInstance(new Properties());

    private CalendarReplies() {
    }

    /** The replies in the raw MIME message {@code raw}; never empty. */
    public static List<CalendarReply> read(byte[] raw) {
        if (raw.length > MAX_MAIL_BYTES) {
            throw new InvalidCalendarReplyException("the mail is " + raw.length + " bytes; expected at most " + MAX_MAIL_BYTES);
        }
        List<String> calendars = new ArrayList<>();
        try {
            collect(new MimeMessage(SESSION, new ByteArrayInputStream(raw)), calendars, 0);
        } catch (MessagingException | IOException e) {
            throw new InvalidCalendarReplyException("the mail is not readable MIME: " + e.getMessage(), e);
        }
        if (calendars.isEmpty()) {
            throw new InvalidCalendarReplyException("the mail has no text/calendar or application/ics part; expected an iTIP REPLY (RFC 6047)");
        }
        Set<CalendarReply> replies = new LinkedHashSet<>();
        for (String ics : calendars) {
            replies.addAll(readCalendar(ics));
        }
        return List.copyOf(replies);
    }

    /** The replies in one iCalendar object, which must say {@code METHOD:REPLY}. */
    public static List<CalendarReply> readCalendar(String ics) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(ics));
        } catch (ParserException | IOException | RuntimeException e) {
            throw new InvalidCalendarReplyException("the calendar part is not iCalendar ical4j can read: " + e.getMessage(), e);
        }
        String method = calendar.<Property>getProperty(Property.METHOD).map(Content::getValue).orElse(null);
        if (!"REPLY".equalsIgnoreCase(method)) {
            throw new InvalidCalendarReplyException("METHOD is '" + method + "'; expected REPLY (RFC 5546 section 3.2.3)");
        }
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        if (events.isEmpty()) {
            throw new InvalidCalendarReplyException("the REPLY has no VEVENT; expected one answering the interview");
        }
        List<CalendarReply> replies = new ArrayList<>();
        for (VEvent event : events) {
            String uid = event.<Property>getProperty(Property.UID).map(Content::getValue).orElse(null);
            int sequence = sequence(event);
            String organizer = event.<Property>getProperty(Property.ORGANIZER).map(CalendarReplies::address).orElse(null);
            List<Property> attendees = event.getProperties(Property.ATTENDEE);
            if (attendees.isEmpty()) {
                throw new InvalidCalendarReplyException("the REPLY for UID " + uid + " has no ATTENDEE; expected the replying attendee");
            }
            for (Property attendee : attendees) {
                replies.add(new CalendarReply(uid, sequence, address(attendee), partStat(attendee), organizer));
            }
        }
        return replies;
    }

    private static int sequence(VEvent event) {
        String value = event.<Property>getProperty(Property.SEQUENCE).map(Content::getValue).orElse("0");
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCalendarReplyException("SEQUENCE is '" + value + "'; expected a whole number (RFC 5545 section 3.8.7.4)", e);
        }
    }

    private static CalendarReply.PartStatus partStat(Property attendee) {
        String value = attendee.<Parameter>getParameter(Parameter.PARTSTAT).map(Content::getValue).orElse("NEEDS-ACTION");
        try {
            return CalendarReply.PartStatus.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidCalendarReplyException("PARTSTAT is '" + value
                    + "'; expected ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION (RFC 5545 section 3.2.12)", e);
        }
    }

    private static String address(Property person) {
        String value = person.getValue().strip();
        return value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7) : value;
    }

    /** Depth-first through the multiparts (bounded: a reply nests two or three levels). */
    private static void collect(Part part, List<String> calendars, int depth) throws MessagingException, IOException {
        if (depth > 8) {
            throw new InvalidCalendarReplyException("the mail nests multiparts more than 8 deep; expected an iMIP message");
        }
        if (part.isMimeType("text/calendar") || part.isMimeType("application/ics")) {
            calendars.add(text(part));
        } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, calendars, depth + 1);
            }
        }
    }

    /** The part's text; iCalendar is UTF-8 unless the part says otherwise (RFC 5545 section 3.1.4). */
    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        try (InputStream in = part.getInputStream()) {
            String charset = Optional.ofNullable(new jakarta.mail.internet.ContentType(part.getContentType()).getParameter("charset"))
                    .orElse(StandardCharsets.UTF_8.name());
            return new String(in.readAllBytes(), charset);
        }
    }
}
