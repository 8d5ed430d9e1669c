package dev.miniats.local.console;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A calendar invite as a person reads it, from the first VEVENT of an iCalendar text
 * (RFC 5545). Display only: lines are unfolded (RFC 5545 §3.1) and text values unescaped (§3.3.11);
 * recurrence and time-zone definitions are not interpreted.
 */
record CalendarInvite(String method, String summary, String start, String end, String location, String organizer,
                      List<String> attendees, String sequence, String status, String uid, String description) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ROOT);

    static CalendarInvite parse(String ics) {
        String unfolded = ics.replace("\r\n", "\n").replaceAll("\n[ \t]", "");
        String method = null;
        String summary = null;
        String start = null;
        String end = null;
        String location = null;
        String organizer = null;
        String sequence = "0";
        String status = null;
        String uid = null;
        String description = null;
        List<String> attendees = new ArrayList<>();
        boolean inEvent = false;
        boolean seenEvent = false;
        for (String line : unfolded.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String head = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            String name = (head.contains(";") ? head.substring(0, head.indexOf(';')) : head).toUpperCase(Locale.ROOT);
            if (name.equals("BEGIN") && value.equalsIgnoreCase("VEVENT") && !seenEvent) {
                inEvent = true;
                seenEvent = true;
            } else if (name.equals("END") && value.equalsIgnoreCase("VEVENT")) {
                inEvent = false;
            } else if (name.equals("METHOD") && !inEvent) {
                method = value;
            } else if (inEvent) {
                switch (name) {
                    case "SUMMARY" -> summary = text(value);
                    case "DTSTART" -> start = time(head, value);
                    case "DTEND" -> end = time(head, value);
                    case "LOCATION" -> location = text(value);
                    case "ORGANIZER" -> organizer = person(head, value);
                    case "ATTENDEE" -> attendees.add(person(head, value));
                    case "SEQUENCE" -> sequence = value;
                    case "STATUS" -> status = value;
                    case "UID" -> uid = value;
                    case "DESCRIPTION" -> description = text(value);
                    default -> { /* not shown */ }
                }
            }
        }
        return new CalendarInvite(method, summary, start, end, location, organizer, List.copyOf(attendees), sequence,
                status, uid, description);
    }

    /** "CANCEL" invites remove the meeting from the attendee's calendar (RFC 5546 §3.2.5). */
    public boolean cancelled() {
        return "CANCEL".equalsIgnoreCase(method) || "CANCELLED".equalsIgnoreCase(status);
    }

    private static String text(String value) {
        return value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
    }

    private static String param(String head, String name) {
        for (String part : head.split(";")) {
            if (part.toUpperCase(Locale.ROOT).startsWith(name + "=")) {
                return part.substring(name.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    private static String time(String head, String value) {
        String zone = param(head, "TZID");
        boolean utc = value.endsWith("Z");
        String local = utc ? value.substring(0, value.length() - 1) : value;
        try {
            String shown = LocalDateTime.parse(local, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")).format(SHOWN);
            return shown + (utc ? " UTC" : zone != null ? " " + zone : "");
        } catch (DateTimeParseException e) {
            return value + (zone != null ? " " + zone : "");
        }
    }

    private static String person(String head, String value) {
        String address = value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7) : value;
        String name = param(head, "CN");
        return name == null ? address : name + " <" + address + ">";
    }
}
