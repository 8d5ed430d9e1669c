package dev.miniats.local.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarInviteTest {
    @Test
    void folded_lines_are_joined_and_text_is_unescaped() {
        CalendarInvite invite = CalendarInvite.read(String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
                "METHOD:CANCEL", "BEGIN:VEVENT",
                "SUMMARY:Interview with a very long company name that the generator folded at seventy-five oct",
                " ets\\, and a comma", "DTSTART:20261201T150000Z", "SEQUENCE:3", "STATUS:CANCELLED",
                "ATTENDEE;CN=\"Ada L\";ROLE=REQ-PARTICIPANT:mailto:ada@example.com", "END:VEVENT", "END:VCALENDAR", "")).orElseThrow();

        assertThat(invite.summary()).isEqualTo("Interview with a very long company name that the generator folded at seventy-five octets, and a comma");
        assertThat(invite.start()).isEqualTo("Tue 1 Dec 2026, 15:00 UTC");
        assertThat(invite.attendees()).containsExactly("Ada L <ada@example.com>");
        assertThat(invite.sequence()).isEqualTo("3");
        assertThat(invite.cancelled()).isTrue();
    }

    @Test
    void a_time_in_a_named_zone_is_shown_in_that_zone_and_the_organizer_by_name() {
        CalendarInvite invite = CalendarInvite.read(String.join("\r\n", "BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VEVENT",
                "UID:interview-1@mini-ats", "DTSTART;TZID=Europe/Berlin:20261201T100000", "DTEND;TZID=Europe/Berlin:20261201T104500",
                "ORGANIZER;CN=Talent Team:mailto:talent@example.com", "LOCATION:Room 4", "END:VEVENT", "END:VCALENDAR", "")).orElseThrow();

        assertThat(invite.start()).isEqualTo("Tue 1 Dec 2026, 10:00 Europe/Berlin");
        assertThat(invite.end()).isEqualTo("Tue 1 Dec 2026, 10:45 Europe/Berlin");
        assertThat(invite.organizer()).isEqualTo("Talent Team <talent@example.com>");
        assertThat(invite.sequence()).as("RFC 5545 §3.8.7.4: absent means 0").isEqualTo("0");
        assertThat(invite.cancelled()).isFalse();
    }

    @Test
    void a_zone_the_invite_does_not_define_is_named_and_the_rest_of_the_invite_still_shown() {
        CalendarInvite invite = CalendarInvite.read(String.join("\r\n", "BEGIN:VCALENDAR", "BEGIN:VEVENT",
                "SUMMARY:Interview", "DTSTART;TZID=Head Office:20261201T100000", "END:VEVENT", "END:VCALENDAR", "")).orElseThrow();

        assertThat(invite.start()).isEqualTo("a time in Head Office, a zone the invite does not define");
        assertThat(invite.summary()).isEqualTo("Interview");
    }

    @Test
    void a_whole_day_and_a_floating_time_are_shown_without_a_zone() {
        CalendarInvite invite = CalendarInvite.read(String.join("\r\n", "BEGIN:VCALENDAR", "BEGIN:VEVENT",
                "DTSTART;VALUE=DATE:20261201", "DTEND:20261202T093000", "END:VEVENT", "END:VCALENDAR", "")).orElseThrow();

        assertThat(invite.start()).isEqualTo("Tue 1 Dec 2026");
        assertThat(invite.end()).isEqualTo("Wed 2 Dec 2026, 09:30");
    }

    @Test
    void text_that_is_not_icalendar_or_has_no_event_is_no_invite() {
        assertThat(CalendarInvite.read("this is not a calendar")).isEmpty();
        assertThat(CalendarInvite.read(String.join("\r\n", "BEGIN:VCALENDAR", "BEGIN:VTODO", "SUMMARY:x", "END:VTODO",
                "END:VCALENDAR", ""))).isEmpty();
    }
}
