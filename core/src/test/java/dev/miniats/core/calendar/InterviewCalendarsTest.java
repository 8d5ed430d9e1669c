package dev.miniats.core.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ITIPValidator;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class InterviewCalendarsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final InterviewCalendars calendars = new InterviewCalendars(CLOCK);

    static HiringEvent event(String interviewJson) throws Exception {
        return HiringEvents.parse(new ObjectMapper().readTree("""
                {"toEmail":"ada@example.com","fromEmail":"talent@example.com","companyName":"Acme \\"Rockets\\", Inc.",
                 "candidateId":"cand-1","candidateName":"Ada Lovelace","interview":%s}
                """.formatted(interviewJson)), CLOCK);
    }

    static Calendar parsedAndValid(CalendarInvite invite) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(invite.ics()));
        ValidationResult result = new ITIPValidator().validate(calendar);
        assertThat(result.hasErrors()).as(result.toString()).isFalse();
        return calendar;
    }

    private static String property(Calendar calendar, String name) {
        VEvent event = calendar.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        return event.getProperty(name).orElseThrow().toString().strip();
    }

    @Test
    void a_utc_interview_is_a_valid_request_with_utc_times_organizer_and_attendee() throws Exception {
        CalendarInvite invite = calendars.request(event("""
                {"interviewId":"int-7","start":"2026-12-01T15:00:00Z","durationMinutes":60,
                 "location":"Room 4; 2nd floor","meetingLink":"https://meet.example.com/abc",
                 "interviewers":["Grace Hopper","Alan Turing"]}"""), 0);

        Calendar calendar = parsedAndValid(invite);
        assertThat(invite.method()).isEqualTo(CalendarMethod.REQUEST);
        assertThat(invite.ics()).contains("METHOD:REQUEST\r\n").doesNotContain("VTIMEZONE");
        assertThat(property(calendar, "UID")).isEqualTo("UID:" + InterviewCalendars.uid("cand-1", "int-7"));
        assertThat(property(calendar, "SEQUENCE")).isEqualTo("SEQUENCE:0");
        assertThat(property(calendar, "DTSTAMP")).isEqualTo("DTSTAMP:20261126T120000Z");
        assertThat(property(calendar, "DTSTART")).isEqualTo("DTSTART:20261201T150000Z");
        assertThat(property(calendar, "DTEND")).isEqualTo("DTEND:20261201T160000Z");
        assertThat(property(calendar, "ORGANIZER")).isEqualTo("ORGANIZER;CN=\"Acme 'Rockets', Inc.\":mailto:talent@example.com");
        assertThat(property(calendar, "ATTENDEE")).contains("CN=Ada Lovelace", "ROLE=REQ-PARTICIPANT",
                "PARTSTAT=NEEDS-ACTION", "RSVP=TRUE", ":mailto:ada@example.com");
        assertThat(property(calendar, "URL")).isEqualTo("URL:https://meet.example.com/abc");
        assertThat(property(calendar, "LOCATION")).isEqualTo("LOCATION:Room 4\\; 2nd floor");
        assertThat(invite.ics().replace("\r\n ", "")).contains("Interviewers: Grace Hopper\\, Alan Turing");
    }

    @Test
    void an_interview_in_berlin_uses_tzid_with_its_vtimezone() throws Exception {
        CalendarInvite invite = calendars.request(event("""
                {"interviewId":"int-7","start":"2026-12-01T15:00:00Z","timeZone":"Europe/Berlin"}"""), 0);

        Calendar calendar = parsedAndValid(invite);
        assertThat(calendar.getComponent("VTIMEZONE")).isPresent();
        assertThat(property(calendar, "DTSTART")).isEqualTo("DTSTART;TZID=Europe/Berlin:20261201T160000");
    }

    @Test
    void a_cancellation_keeps_the_uid_and_says_cancelled_with_a_higher_sequence() throws Exception {
        HiringEvent event = event("{\"interviewId\":\"int-7\"}");
        CalendarInvite scheduled = calendars.request(event, 0);
        CalendarInvite cancelled = calendars.cancel(event, 2);

        Calendar calendar = parsedAndValid(cancelled);
        assertThat(cancelled.uid()).isEqualTo(scheduled.uid());
        assertThat(cancelled.ics()).contains("METHOD:CANCEL\r\n");
        assertThat(property(calendar, "STATUS")).isEqualTo("STATUS:CANCELLED");
        assertThat(property(calendar, "SEQUENCE")).isEqualTo("SEQUENCE:2");
    }

    @Test
    void the_uid_differs_per_candidate_and_per_interview() {
        assertThat(InterviewCalendars.uid("cand-1", "int-1")).endsWith("@mini-ats")
                .isEqualTo(InterviewCalendars.uid("cand-1", "int-1"))
                .isNotEqualTo(InterviewCalendars.uid("cand-2", "int-1"))
                .isNotEqualTo(InterviewCalendars.uid("cand-1", "int-2"));
    }
}
