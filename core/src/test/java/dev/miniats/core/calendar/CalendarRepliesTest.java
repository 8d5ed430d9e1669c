package dev.miniats.core.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import net.fortuna.ical4j.model.parameter.PartStat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarRepliesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private static CalendarInvite invite(String zone) throws Exception {
        HiringEvent event = HiringEvents.parse(new ObjectMapper().readTree("{\"toEmail\":\"ines@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Acme\",\"candidateId\":\"c-1\",\"interview\":{\"interviewId\":\"onsite-1\","
                + "\"start\":\"2026-12-04T09:30:00Z\",\"timeZone\":\"" + zone + "\"}}"), CLOCK);
        return new InterviewCalendars(CLOCK).request(event, 0);
    }

    @Test
    void a_reply_built_by_a_client_with_ical4j_reads_as_its_uid_sequence_attendee_and_answer() throws Exception {
        CalendarInvite invite = invite("Europe/Berlin");
        byte[] mail = ClientReplies.mail("Ines@Example.com", "talent@example.com",
                ClientReplies.replyCalendar(invite.ics(), "Ines@Example.com", PartStat.ACCEPTED));

        assertThat(CalendarReplies.read(mail)).containsExactly(new CalendarReply(InterviewCalendars.uid("c-1", "onsite-1"), 0,
                "ines@example.com", CalendarReply.PartStatus.ACCEPTED, "talent@example.com"));
    }

    @Test
    void google_calendars_reply_counts_once_though_it_carries_the_calendar_twice() throws Exception {
        List<CalendarReply> replies = CalendarReplies.read(ClientReplies.sample("google-calendar-accepted.eml"));

        assertThat(replies).containsExactly(new CalendarReply(InterviewCalendars.uid("cand-google", "onsite-1"), 0,
                "ines.google@example.com", CalendarReply.PartStatus.ACCEPTED, "talent@example.com"));
    }

    @Test
    void outlooks_base64_reply_with_a_windows_time_zone_reads_as_declined() throws Exception {
        List<CalendarReply> replies = CalendarReplies.read(ClientReplies.sample("outlook-declined.eml"));

        assertThat(replies).containsExactly(new CalendarReply(InterviewCalendars.uid("cand-outlook", "onsite-1"), 0,
                "olaf.outlook@example.com", CalendarReply.PartStatus.DECLINED, "talent@example.com"));
    }

    @Test
    void an_invite_is_not_a_reply() throws Exception {
        byte[] mail = ClientReplies.mail("ines@example.com", "talent@example.com", invite("UTC").ics());

        assertThatThrownBy(() -> CalendarReplies.read(mail)).isInstanceOf(InvalidCalendarReplyException.class)
                .hasMessageContaining("METHOD is 'REQUEST'; expected REPLY");
    }

    @Test
    void a_mail_without_a_calendar_or_with_broken_icalendar_is_refused_with_the_reason() throws Exception {
        byte[] plain = "From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CalendarReplies.read(plain)).hasMessageContaining("no text/calendar or application/ics part");

        byte[] broken = ClientReplies.mail("ines@example.com", "talent@example.com", "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n");
        assertThatThrownBy(() -> CalendarReplies.read(broken)).isInstanceOf(InvalidCalendarReplyException.class)
                .hasMessageContaining("not iCalendar ical4j can read");
    }

    @Test
    void a_reply_without_uid_or_with_an_unknown_partstat_names_the_field() {
        String noUid = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nDTSTAMP:20261201T100000Z\r\n"
                + "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assertThatThrownBy(() -> CalendarReplies.readCalendar(noUid)).hasMessageContaining("no UID");
        String odd = noUid.replace("DTSTAMP", "UID:u-1\r\nDTSTAMP").replace("PARTSTAT=ACCEPTED", "PARTSTAT=MAYBE-LATER");
        assertThatThrownBy(() -> CalendarReplies.readCalendar(odd)).hasMessageContaining("PARTSTAT is 'MAYBE-LATER'");
    }

    private static final InvitedInterview INVITED = new InvitedInterview("uid-1", "c-1", "onsite-1", "event-2", 1, "ines@example.com", false);

    private static CalendarReply reply(int sequence, String attendee, CalendarReply.PartStatus answer) {
        return new CalendarReply("uid-1", sequence, attendee, answer, "talent@example.com");
    }

    @Test
    void accepted_confirms_and_declined_declines_the_latest_revision() {
        assertThat(ReplyDecision.of(reply(1, "ines@example.com", CalendarReply.PartStatus.ACCEPTED), Optional.of(INVITED)).publish())
                .contains(DetailType.INTERVIEW_CONFIRMED);
        assertThat(ReplyDecision.of(reply(1, "INES@example.com", CalendarReply.PartStatus.DECLINED), Optional.of(INVITED)).publish())
                .contains(DetailType.INTERVIEW_DECLINED);
    }

    @Test
    void tentative_stale_unsent_uninvited_cancelled_and_unknown_replies_publish_nothing_and_say_why() {
        assertThat(ReplyDecision.of(reply(1, "ines@example.com", CalendarReply.PartStatus.TENTATIVE), Optional.of(INVITED)))
                .satisfies(d -> assertThat(d.outcome()).isEqualTo(ReplyDecision.Outcome.TENTATIVE)).extracting(ReplyDecision::publish).isEqualTo(Optional.empty());
        assertThat(ReplyDecision.of(reply(0, "ines@example.com", CalendarReply.PartStatus.ACCEPTED), Optional.of(INVITED)).reason())
                .contains("SEQUENCE 0 but the latest invite is SEQUENCE 1");
        assertThat(ReplyDecision.of(reply(2, "ines@example.com", CalendarReply.PartStatus.ACCEPTED), Optional.of(INVITED)).outcome())
                .isEqualTo(ReplyDecision.Outcome.UNSENT_SEQUENCE);
        assertThat(ReplyDecision.of(reply(1, "mallory@example.com", CalendarReply.PartStatus.ACCEPTED), Optional.of(INVITED)).reason())
                .contains("mallory@example.com was not invited");
        InvitedInterview cancelled = new InvitedInterview("uid-1", "c-1", "onsite-1", "event-3", 1, "ines@example.com", true);
        assertThat(ReplyDecision.of(reply(1, "ines@example.com", CalendarReply.PartStatus.ACCEPTED), Optional.of(cancelled)).outcome())
                .isEqualTo(ReplyDecision.Outcome.CANCELLED);
        ReplyDecision unknown = ReplyDecision.of(reply(0, "ines@example.com", CalendarReply.PartStatus.ACCEPTED), Optional.empty());
        assertThat(unknown.outcome()).isEqualTo(ReplyDecision.Outcome.UNKNOWN_INTERVIEW);
        assertThat(unknown.publish()).isEmpty();
        assertThat(unknown.reason()).contains("no interview has UID uid-1");
    }
}
