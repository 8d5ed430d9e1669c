package dev.miniats.local.console;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Content;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A calendar invite as a person reads it, from the first VEVENT of an iCalendar text (RFC 5545),
 * read by ical4j (which unfolds lines, unescapes text and reads times). Display only: a time is
 * shown in the zone the invite names, with no conversion; recurrence is not interpreted.
 */
record CalendarInvite(String method, String summary, String start, String end, String location, String organizer,
                      List<String> attendees, String sequence, String status, String uid, String description) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ROOT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ROOT);

    /** The invite in {@code ics}, or empty when it is not iCalendar or holds no VEVENT. */
    static Optional<CalendarInvite> read(String ics) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(ics));
        } catch (ParserException | IOException | RuntimeException e) {
            // A mail's calendar part is whatever its sender wrote; one ical4j cannot read is shown raw, not as an invite.
            return Optional.empty();
        }
        Optional<VEvent> found = calendar.getComponent(Component.VEVENT);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        VEvent event = found.get();
        return Optional.of(new CalendarInvite(value(calendar.getProperty(Property.METHOD)),
                value(event.getProperty(Property.SUMMARY)), time(event.getProperty(Property.DTSTART)),
                time(event.getProperty(Property.DTEND)), value(event.getProperty(Property.LOCATION)),
                event.<Property>getProperty(Property.ORGANIZER).map(CalendarInvite::person).orElse(null),
                event.<Property>getProperties(Property.ATTENDEE).stream().map(CalendarInvite::person).toList(),
                event.<Property>getProperty(Property.SEQUENCE).map(Content::getValue).orElse("0"),
                value(event.getProperty(Property.STATUS)), value(event.getProperty(Property.UID)),
                value(event.getProperty(Property.DESCRIPTION))));
    }

    /** "CANCEL" invites remove the meeting from the attendee's calendar (RFC 5546 §3.2.5). */
    public boolean cancelled() {
        return "CANCEL".equalsIgnoreCase(method) || "CANCELLED".equalsIgnoreCase(status);
    }

    private static String value(Optional<? extends Property> property) {
        return property.map(Content::getValue).orElse(null);
    }

    /**
     * A DTSTART or DTEND as ical4j reads it: a UTC time, a time in the zone its TZID names (shown by
     * that name, unconverted), a floating time, or a whole day.
     */
    private static String time(Optional<? extends Property> property) {
        if (property.isEmpty() || !(property.get() instanceof DateProperty<?> date)) {
            return null;
        }
        Optional<String> zone = date.<Parameter>getParameter(Parameter.TZID).map(Content::getValue);
        Temporal value;
        try {
            value = date.getDate();
        } catch (DateTimeException e) {
            // RFC 5545 §3.2.19: a TZID must name a VTIMEZONE in the invite; ical4j cannot place a time in one that is missing.
            return "a time in " + zone.orElse("an unknown zone") + ", a zone the invite does not define";
        }
        if (value instanceof LocalDate day) {
            return day.format(DAY);
        }
        if (value instanceof OffsetDateTime utc) {
            return utc.format(SHOWN) + " UTC";
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.format(SHOWN) + " " + zone.orElse(zoned.getZone().getId());
        }
        return LocalDateTime.from(value).format(SHOWN);
    }

    private static String person(Property property) {
        String value = property.getValue();
        String address = value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7) : value;
        return property.<Parameter>getParameter(Parameter.CN).map(cn -> cn.getValue() + " <" + address + ">").orElse(address);
    }
}
