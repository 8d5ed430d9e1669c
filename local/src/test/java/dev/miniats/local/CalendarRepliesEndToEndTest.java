package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.calendar.ClientReplies;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.model.parameter.PartStat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calendar replies end to end: the interview invite read over IMAP, the candidate's calendar
 * client answering over SMTP to the organizer, the answer on the bus as an event.
 */
@Tag("e2e")
class CalendarRepliesEndToEndTest {
    private static final String ORGANIZER = "talent@example.com";
    static TestRuntime ats;
    static Mailbox mailbox;

    @BeforeAll
    static void start() {
        ats = TestRuntime.start(0.01);
        mailbox = new Mailbox("127.0.0.1", ats.runtime.imapPort());
    }

    @AfterAll
    static void stop() {
        ats.close();
    }

    private static String schedule(String candidateId, String email) {
        String detail = "{\"toEmail\":\"" + email + "\",\"fromEmail\":\"" + ORGANIZER + "\",\"companyName\":\"Acme\",\"candidateId\":\""
                + candidateId + "\",\"interview\":{\"interviewId\":\"onsite-1\",\"start\":\"2026-12-04T09:30:00Z\",\"timeZone\":\"Europe/Berlin\"}}";
        return ats.events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("mini-ats").detailType("schedule-interview")
                .eventBusName("mini-ats").detail(detail).build())).entries().get(0).eventId();
    }

    /** The invite as the candidate's mail client reads it over IMAP. */
    private static String inviteOf(String email) {
        List<Mailbox.Mail> inbox = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            inbox.clear();
            inbox.addAll(mailbox.inbox(email));
            return !inbox.isEmpty();
        });
        return Invites.ics(inbox.get(0).raw());
    }

    /** Sends {@code raw} over SMTP to the runtime's mail server, as a mail client does. */
    private static void smtp(byte[] raw, String to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(ats.runtime.smtpPort()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Transport.send(message, new InternetAddress[]{new InternetAddress(to)});
    }

    private static List<JsonNode> replies(String candidateId) {
        List<JsonNode> out = new ArrayList<>();
        ats.getJson("/_ats/calendar-replies?candidateId=" + candidateId).get("replies").forEach(out::add);
        return out;
    }

    private static List<JsonNode> replyRecords() {
        List<JsonNode> out = new ArrayList<>();
        ats.getJson("/_ats/calendar-replies").get("replies").forEach(out::add);
        return out;
    }

    private static List<String> answersOnTheBus(String candidateId) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : ats.getJson("/_ats/events?limit=500")) {
            JsonNode detail = event.path("event").path("detail");
            if (candidateId.equals(detail.path("candidateId").asText()) && detail.has("calendarReply")) {
                types.add(event.get("detailType").asText());
            }
        }
        return types;
    }

    @Test
    void a_calendar_clients_accepted_reply_confirms_the_interview_once_however_often_it_arrives() throws Exception {
        String scheduled = schedule("cand-client", "ines@example.com");
        String reply = ClientReplies.replyCalendar(inviteOf("ines@example.com"), "ines@example.com", PartStat.ACCEPTED);

        smtp(ClientReplies.mail("ines@example.com", ORGANIZER, reply), ORGANIZER);
        await().atMost(Duration.ofSeconds(10)).until(() -> replies("cand-client").size() == 1);
        JsonNode confirmed = replies("cand-client").get(0);
        assertThat(confirmed.get("outcome").asText()).isEqualTo("CONFIRMED");
        JsonNode event = ats.getJson("/_ats/events/" + confirmed.get("eventId").asText());
        assertThat(event.get("detailType").asText()).isEqualTo("interview-confirmed");
        assertThat(event.path("event").path("detail").path("inReplyTo").asText()).isEqualTo(scheduled);
        assertThat(event.path("event").path("detail").path("calendarReply").path("partStat").asText()).isEqualTo("ACCEPTED");

        smtp(ClientReplies.mail("ines@example.com", ORGANIZER, reply), ORGANIZER);
        await().atMost(Duration.ofSeconds(10)).until(() -> replies("cand-client").size() == 2);
        assertThat(replies("cand-client").get(0).get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(answersOnTheBus("cand-client")).containsExactly("interview-confirmed");
        // the organizer's mailbox still gets the reply, as any mail
        assertThat(mailbox.inbox(ORGANIZER)).isNotEmpty();

        // the console's candidate page shows the answer, how it came and the event it answers
        await().atMost(Duration.ofSeconds(10)).until(() -> ats.get("/console/candidates/cand-client").body().contains("data-answer"));
        String page = ats.get("/console/candidates/cand-client").body();
        assertThat(page).contains("data-answer=\"interview-confirmed\"")
                .contains("by calendar reply (ACCEPTED, SEQUENCE 0) to <a href=\"/console/events/" + scheduled + "\">schedule-interview</a>");
    }

    @Test
    void a_changed_mind_publishes_the_decline_and_a_tentative_answer_publishes_nothing() throws Exception {
        schedule("cand-mind", "mind@example.com");
        String invite = inviteOf("mind@example.com");

        smtp(ClientReplies.mail("mind@example.com", ORGANIZER, ClientReplies.replyCalendar(invite, "mind@example.com", PartStat.TENTATIVE)), ORGANIZER);
        smtp(ClientReplies.mail("mind@example.com", ORGANIZER, ClientReplies.replyCalendar(invite, "mind@example.com", PartStat.ACCEPTED)), ORGANIZER);
        smtp(ClientReplies.mail("mind@example.com", ORGANIZER, ClientReplies.replyCalendar(invite, "mind@example.com", PartStat.DECLINED)), ORGANIZER);

        await().atMost(Duration.ofSeconds(10)).until(() -> replies("cand-mind").size() == 3);
        assertThat(replies("cand-mind")).extracting(r -> r.get("outcome").asText()).containsExactly("DECLINED", "CONFIRMED", "TENTATIVE");
        assertThat(answersOnTheBus("cand-mind")).containsExactlyInAnyOrder("interview-confirmed", "interview-declined");
    }

    @Test
    void google_calendars_real_reply_shape_confirms_the_interview() throws Exception {
        schedule("cand-google", "ines.google@example.com");
        inviteOf("ines.google@example.com");

        smtp(ClientReplies.sample("google-calendar-accepted.eml"), ORGANIZER);

        await().atMost(Duration.ofSeconds(10)).until(() -> replies("cand-google").size() == 1);
        assertThat(replies("cand-google").get(0).get("outcome").asText()).isEqualTo("CONFIRMED");
        assertThat(answersOnTheBus("cand-google")).containsExactly("interview-confirmed");
    }

    @Test
    void outlooks_real_reply_shape_declines_the_interview() throws Exception {
        schedule("cand-outlook", "olaf.outlook@example.com");
        inviteOf("olaf.outlook@example.com");

        smtp(ClientReplies.sample("outlook-declined.eml"), ORGANIZER);

        await().atMost(Duration.ofSeconds(10)).until(() -> replies("cand-outlook").size() == 1);
        assertThat(replies("cand-outlook").get(0).get("outcome").asText()).isEqualTo("DECLINED");
        assertThat(answersOnTheBus("cand-outlook")).containsExactly("interview-declined");
    }

    @Test
    void a_reply_for_an_unknown_interview_is_recorded_with_the_reason_and_changes_nothing() throws Exception {
        String unknown = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
                + "UID:no-such-interview@elsewhere\r\nDTSTAMP:20261201T100000Z\r\nSEQUENCE:0\r\nORGANIZER:mailto:" + ORGANIZER + "\r\n"
                + "ATTENDEE;PARTSTAT=ACCEPTED:mailto:stranger@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        int eventsBefore = ats.getJson("/_ats/events?limit=500").size();

        smtp(ClientReplies.mail("stranger@example.com", ORGANIZER, unknown), ORGANIZER);

        await().atMost(Duration.ofSeconds(10)).until(() -> replyRecords().stream()
                .anyMatch(r -> "no-such-interview@elsewhere".equals(r.path("uid").asText())));
        JsonNode record = replyRecords().stream().filter(r -> "no-such-interview@elsewhere".equals(r.path("uid").asText())).findFirst().orElseThrow();
        assertThat(record.get("outcome").asText()).isEqualTo("UNKNOWN_INTERVIEW");
        assertThat(record.get("reason").asText()).contains("no interview has UID no-such-interview@elsewhere");
        assertThat(record.has("eventId")).isFalse();
        assertThat(ats.getJson("/_ats/events?limit=500").size()).isEqualTo(eventsBefore);
    }

    @Test
    void the_console_candidate_page_shows_tentative_and_ignored_replies_with_why_they_changed_nothing() throws Exception {
        schedule("cand-maybe", "maybe@example.com");
        String invite = inviteOf("maybe@example.com");
        String accepted = ClientReplies.replyCalendar(invite, "maybe@example.com", PartStat.ACCEPTED);
        String ahead = accepted.replace("SEQUENCE:0", "SEQUENCE:3");
        assertThat(ahead).isNotEqualTo(accepted);

        smtp(ClientReplies.mail("maybe@example.com", ORGANIZER, ClientReplies.replyCalendar(invite, "maybe@example.com", PartStat.TENTATIVE)), ORGANIZER);
        smtp(ClientReplies.mail("maybe@example.com", ORGANIZER, ahead), ORGANIZER);
        smtp(ClientReplies.mail("maybe@example.com", ORGANIZER, accepted), ORGANIZER);
        await().atMost(Duration.ofSeconds(10)).until(() -> replies("cand-maybe").size() == 3);

        String page = ats.get("/console/candidates/cand-maybe").body();
        assertThat(page).contains("data-outcome=\"TENTATIVE\"", "data-outcome=\"UNSENT_SEQUENCE\"", "data-outcome=\"CONFIRMED\"")
                .contains("changed nothing: maybe@example.com answered tentatively")
                .contains("changed nothing: the reply answers SEQUENCE 3 but the latest invite sent is SEQUENCE 0")
                .contains("published <a href=\"/console/events/" + replies("cand-maybe").get(0).get("eventId").asText());
        assertThat(answersOnTheBus("cand-maybe")).containsExactly("interview-confirmed");
    }
}
