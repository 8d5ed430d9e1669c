package dev.miniats.local.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarInviteTest {
    @Test
    void folded_lines_are_joined_and_text_is_unescaped() {
        CalendarInvite invite = CalendarInvite.parse(String.join("\r\n", "BEGIN:VCALENDAR", "METHOD:CANCEL", "BEGIN:VEVENT",
                "SUMMARY:Interview with a very long company name that the generator folded at seventy-five oct",
                " ets\\, and a comma", "DTSTART:20261201T150000Z", "SEQUENCE:3", "STATUS:CANCELLED",
                "ATTENDEE;CN=\"Ada L\";ROLE=REQ-PARTICIPANT:mailto:ada@example.com", "END:VEVENT", "END:VCALENDAR", ""));

        assertThat(invite.summary()).isEqualTo("Interview with a very long company name that the generator folded at seventy-five octets, and a comma");
        assertThat(invite.start()).isEqualTo("Tue 1 Dec 2026, 15:00 UTC");
        assertThat(invite.attendees()).containsExactly("Ada L <ada@example.com>");
        assertThat(invite.sequence()).isEqualTo("3");
        assertThat(invite.cancelled()).isTrue();
    }
}
