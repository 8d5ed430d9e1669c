package dev.miniats.core.mail;

import dev.miniats.core.calendar.CalendarInvite;
import dev.miniats.core.calendar.CalendarMethod;
import dev.miniats.core.event.EmailAddress;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MimeEmailsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private static final String ICS = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
    private final MimeEmails mime = new MimeEmails(CLOCK);

    private static EmailMessage message(String fromName, String subject) {
        return new EmailMessage(EmailAddress.parse("f", "talent@example.com"), fromName,
                EmailAddress.parse("t", "zoe@example.com"), "Zoë Ångström", new EmailContent(subject, "Hello Zoë", "<p>Hello Zoë</p>"));
    }

    static MimeMessage parse(RawEmail email) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(email.mime()));
    }

    private static String type(Part part) throws Exception {
        return new ContentType(part.getContentType()).getBaseType();
    }

    @Test
    void a_plain_email_is_text_and_html_alternatives_with_utf8_encoded_headers() throws Exception {
        MimeMessage parsed = parse(mime.alternative(message("Acme, \"Rockets\" Inc.", "Grüße from Acme")));

        assertThat(type(parsed)).isEqualTo("multipart/alternative");
        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(type(alternative.getBodyPart(0))).isEqualTo("text/plain");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Hello Zoë");
        assertThat(type(alternative.getBodyPart(1))).isEqualTo("text/html");
        assertThat(parsed.getSubject()).isEqualTo("Grüße from Acme");
        assertThat(parsed.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Acme, \"Rockets\" Inc.");
        assertThat(from.getAddress()).isEqualTo("talent@example.com");
        assertThat(((InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal()).isEqualTo("Zoë Ångström");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
    }

    @Test
    void an_invite_carries_the_calendar_inline_with_its_method_and_as_invite_ics() throws Exception {
        MimeMessage parsed = parse(mime.invite(message("Acme", "Interview"), new CalendarInvite(CalendarMethod.CANCEL, "u@mini-ats", 2, ICS)));

        assertThat(type(parsed)).isEqualTo("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) parsed.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getCount()).isEqualTo(3);
        BodyPart calendar = alternative.getBodyPart(2);
        ContentType calendarType = new ContentType(calendar.getContentType());
        assertThat(calendarType.getBaseType()).isEqualTo("text/calendar");
        assertThat(calendarType.getParameter("method")).isEqualTo("CANCEL");
        assertThat(calendarType.getParameter("charset")).isEqualTo("UTF-8");
        assertThat(new String(calendar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ICS);
        BodyPart file = mixed.getBodyPart(1);
        assertThat(type(file)).isEqualTo("application/ics");
        assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(file.getFileName()).isEqualTo("invite.ics");
    }

    @Test
    void an_attachment_follows_the_alternatives_in_a_mixed_message() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, 1, 2};
        MimeMessage parsed = parse(mime.withAttachments(message(null, "Offer"),
                List.of(new Attachment("offer-letter.pdf", "application/pdf", pdf))));

        MimeMultipart mixed = (MimeMultipart) parsed.getContent();
        assertThat(type(mixed.getBodyPart(0))).isEqualTo("multipart/alternative");
        assertThat(type(mixed.getBodyPart(1))).isEqualTo("application/pdf");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("offer-letter.pdf");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isNull();
    }

    @Test
    void a_subject_with_a_line_break_never_reaches_a_header() {
        assertThatThrownBy(() -> message("Acme", "Hi\r\nBcc: victim@example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR, LF or NUL");
    }

    @Test
    void an_attachment_name_that_could_break_its_header_is_refused() {
        assertThatThrownBy(() -> new Attachment("a\";b.pdf", "application/pdf", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filename");
    }

    @Test
    void a_message_key_travels_in_its_own_header_and_a_message_without_one_has_none() throws Exception {
        EmailMessage keyed = new EmailMessage(EmailAddress.parse("f", "talent@example.com"), "Acme",
                EmailAddress.parse("t", "zoe@example.com"), null, new EmailContent("Hi", "Hi", "<p>Hi</p>"), "0a1b2c");

        assertThat(parse(mime.alternative(keyed)).getHeader(MimeEmails.MESSAGE_KEY_HEADER)).containsExactly("0a1b2c");
        assertThat(parse(mime.alternative(message("Acme", "Hi"))).getHeader(MimeEmails.MESSAGE_KEY_HEADER)).isNull();
    }

    @Test
    void a_message_key_that_would_need_encoding_in_a_header_is_refused() {
        assertThatThrownBy(() -> new EmailMessage(EmailAddress.parse("f", "talent@example.com"), "Acme",
                EmailAddress.parse("t", "zoe@example.com"), null, new EmailContent("Hi", "Hi", "<p>Hi</p>"), "a b\r\nBcc: x@example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messageKey");
    }
}
