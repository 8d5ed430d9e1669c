package dev.miniats.core.calendar;

import dev.miniats.core.event.CandidateDetail;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.Interview;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the iCalendar invites of an interview (RFC 5545 objects carried by iMIP, RFC 6047):
 * {@code METHOD:REQUEST} to schedule or reschedule, {@code METHOD:CANCEL} with
 * {@code STATUS:CANCELLED} to cancel. All three carry the same {@link #uid UID}, so calendar
 * clients update the event they already have instead of adding a second one; they apply a
 * revision only when its SEQUENCE is higher (RFC 5546 section 2.1.4).
 *
 * <p>Times are UTC ({@code ...Z}) when the interview's zone is UTC, otherwise local times with
 * {@code TZID} and the zone's {@code VTIMEZONE}, so the event keeps its wall-clock time across
 * daylight-saving changes. {@code DTSTAMP} comes from the injected clock.
 *
 * <p>Thread-safe: holds only the clock and ical4j's time-zone registry, which is safe to share.
 */
public final class InterviewCalendars {
    static final String PRODUCT_ID = "-//mini-ats//Interview invites 1.0//EN";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu 'at' HH:mm zzz", Locale.ENGLISH);

    private final Clock clock;
    private final TimeZoneRegistry zones;

    public InterviewCalendars(Clock clock) {
        this.clock = clock;
        this.zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    }

    /**
     * The UID of one candidate's interview: a name-based (type 3) UUID of both ids, so every
     * event about the interview, from any sender, names the same calendar event.
     */
    public static String uid(String candidateId, String interviewId) {
        String name = "mini-ats interview\n" + candidateId + "\n" + interviewId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "@mini-ats";
    }

    /** The invite that schedules the interview ({@code sequence} 0) or moves it (higher). */
    public CalendarInvite request(HiringEvent event, int sequence) {
        return build(event, CalendarMethod.REQUEST, sequence);
    }

    /** The invite that cancels the interview; {@code sequence} must exceed the last one sent. */
    public CalendarInvite cancel(HiringEvent event, int sequence) {
        return build(event, CalendarMethod.CANCEL, sequence);
    }

    private CalendarInvite build(HiringEvent hiring, CalendarMethod method, int sequence) {
        CandidateDetail detail = hiring.detail();
        Interview interview = detail.interview();
        String uid = uid(detail.candidateId(), interview.interviewId());
        boolean utc = isUtc(interview.timeZone());

        VEvent event = new VEvent(false);
        event.add(new Uid(uid));
        event.add(new Sequence(sequence));
        event.add(new DtStamp(clock.instant()));
        event.add(new DtStart<>(at(interview.start().atZone(interview.timeZone()), utc)));
        event.add(new DtEnd<>(at(interview.end().atZone(interview.timeZone()), utc)));
        event.add(new Summary((method == CalendarMethod.CANCEL ? "Cancelled: " : "") + "Interview with " + detail.companyName()));
        event.add(new Description(description(detail, interview, method)));
        if (interview.location() != null) {
            event.add(new Location(interview.location()));
        }
        if (interview.meetingLink() != null) {
            event.add(new Url(URI.create(interview.meetingLink())));
        }
        event.add(organizer(detail));
        event.add(attendee(detail));
        event.add(new Status(method == CalendarMethod.CANCEL ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        calendar.add(new Method(method.wireName()));
        if (!utc) {
            calendar.add(vTimeZone(interview.timeZone()));
        }
        calendar.add(event);
        return new CalendarInvite(method, uid, sequence, calendar.toString());
    }

    private static boolean isUtc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    private static Temporal at(ZonedDateTime time, boolean utc) {
        return utc ? time.toInstant() : time;
    }

    private VTimeZone vTimeZone(ZoneId zone) {
        net.fortuna.ical4j.model.TimeZone timeZone = zones.getTimeZone(zone.getId());
        if (timeZone == null) {
            throw new IllegalStateException("ical4j has no VTIMEZONE for " + zone.getId() + "; update ical4j's zoneinfo");
        }
        return timeZone.getVTimeZone();
    }

    private static String description(CandidateDetail detail, Interview interview, CalendarMethod method) {
        StringBuilder text = new StringBuilder();
        if (method == CalendarMethod.CANCEL) {
            text.append("This interview with ").append(detail.companyName()).append(" has been cancelled.\n\n");
        } else {
            text.append("Interview with ").append(detail.companyName()).append(" for ").append(detail.candidateName()).append(".\n\n");
        }
        text.append("When: ").append(WHEN.format(interview.start().atZone(interview.timeZone())))
                .append(" (").append(interview.duration().toMinutes()).append(" minutes)\n");
        if (interview.location() != null) {
            text.append("Where: ").append(interview.location()).append('\n');
        }
        if (interview.meetingLink() != null) {
            text.append("Join: ").append(interview.meetingLink()).append('\n');
        }
        if (!interview.interviewers().isEmpty()) {
            text.append("Interviewers: ").append(String.join(", ", interview.interviewers())).append('\n');
        }
        return text.toString();
    }

    private static Organizer organizer(CandidateDetail detail) {
        Organizer organizer = new Organizer(mailto(detail.fromEmail().address()));
        organizer.add(new Cn(parameterText(detail.companyName())));
        return organizer;
    }

    private static Attendee attendee(CandidateDetail detail) {
        Attendee attendee = new Attendee(mailto(detail.toEmail().address()));
        attendee.add(new Cn(parameterText(detail.candidateName())));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(PartStat.NEEDS_ACTION);
        attendee.add(Rsvp.TRUE);
        return attendee;
    }

    /** A parameter value may not contain DQUOTE (RFC 5545 section 3.1); the contract already refused CR/LF. */
    private static String parameterText(String value) {
        return value.replace('"', '\'');
    }

    private static URI mailto(String address) {
        try {
            return new URI("mailto", address, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot make a mailto URI of " + address, e);
        }
    }
}
