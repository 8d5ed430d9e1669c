package dev.miniats.core.mail;

import dev.miniats.core.calendar.CalendarInvite;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds MIME messages with Jakarta Mail; no header is ever assembled by string concatenation.
 * Display names and subjects are RFC 2047-encoded as UTF-8 by the library; their CR, LF and NUL
 * were already refused by the event contract and {@link EmailContent}.
 *
 * <p>Structure (RFC 2046, and RFC 6047 section 2.4 for invites):
 * <ul>
 *   <li>no calendar, no attachment: {@code multipart/alternative(text/plain, text/html)};</li>
 *   <li>an invite: {@code multipart/mixed(multipart/alternative(text/plain, text/html,
 *       text/calendar; method=M; charset=UTF-8), invite.ics as application/ics)}, where M is
 *       the calendar's METHOD, so both Outlook-style and attachment-only clients see it;</li>
 *   <li>attachments: {@code multipart/mixed(multipart/alternative(...), attachment...)}.</li>
 * </ul>
 * The {@code Date} header comes from the injected clock. Thread-safe: the session is read-only.
 */
public final class MimeEmails {
    /** The name of the attached calendar file; RFC 6047 lets it accompany the text/calendar part. */
    public static final String INVITE_FILENAME = "invite.ics";
    /**
     * Carries {@link EmailMessage#messageKey()}. The local SES sends one message per key (a
     * repeat answers the first MessageId). SES on AWS passes such a header through untouched and
     * gives it no meaning; it is not the Message-ID, which SES replaces with its own
     * (https://docs.aws.amazon.com/ses/latest/dg/header-fields.html).
     */
    public static final String MESSAGE_KEY_HEADER = "X-Mini-Ats-Message-Key";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public MimeEmails(Clock clock) {
        MailStreamProvider.pin(); // before the first part is built: each one would scan the class path
        this.clock = clock;
    }

    /** A plain email: {@code multipart/alternative} of text and HTML. */
    public RawEmail alternative(EmailMessage message) {
        return build(message, Optional.empty(), List.of());
    }

    /** An interview email carrying {@code invite} inline and as {@value #INVITE_FILENAME}. */
    public RawEmail invite(EmailMessage message, CalendarInvite invite) {
        return build(message, Optional.of(invite), List.of());
    }

    /** An email with files attached, such as the offer letter PDF. */
    public RawEmail withAttachments(EmailMessage message, List<Attachment> attachments) {
        return build(message, Optional.empty(), attachments);
    }

    private RawEmail build(EmailMessage message, Optional<CalendarInvite> invite, List<Attachment> attachments) {
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(address(message.from().address(), message.fromName()));
            mime.setRecipient(MimeMessage.RecipientType.TO, address(message.to().address(), message.toName()));
            mime.setSubject(message.content().subject(), UTF_8);
            mime.setSentDate(Date.from(clock.instant()));
            if (message.messageKey() != null) {
                mime.setHeader(MESSAGE_KEY_HEADER, message.messageKey());
            }

            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text(message.content().text(), "plain"));
            alternative.addBodyPart(text(message.content().html(), "html"));
            if (invite.isPresent()) {
                alternative.addBodyPart(calendarPart(invite.get()));
            }
            if (invite.isEmpty() && attachments.isEmpty()) {
                mime.setContent(alternative);
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(wrap(alternative));
                if (invite.isPresent()) {
                    mixed.addBodyPart(attachment(new Attachment(INVITE_FILENAME, "application/ics",
                            invite.get().ics().getBytes(StandardCharsets.UTF_8))));
                }
                for (Attachment attachment : attachments) {
                    mixed.addBodyPart(attachment(attachment));
                }
                mime.setContent(mixed);
            }
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return new RawEmail(message.from(), message.to(), out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Jakarta Mail could not build the message: " + e.getMessage(), e);
        }
    }

    private static InternetAddress address(String address, String displayName) throws UnsupportedEncodingException {
        return displayName == null || displayName.isBlank()
                ? new InternetAddress(address, null, UTF_8)
                : new InternetAddress(address, displayName, UTF_8);
    }

    private static MimeBodyPart text(String body, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, UTF_8, subtype);
        return part;
    }

    private static MimeBodyPart calendarPart(CalendarInvite invite) throws MessagingException {
        ParameterList parameters = new ParameterList();
        parameters.set("method", invite.method().wireName());
        parameters.set("charset", UTF_8);
        String type = new ContentType("text", "calendar", parameters).toString();
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(invite.ics().getBytes(StandardCharsets.UTF_8), type)));
        part.setHeader("Content-Type", type);
        return part;
    }

    private static MimeBodyPart wrap(Multipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static MimeBodyPart attachment(Attachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.data(), attachment.contentType())));
        part.setFileName(attachment.filename());
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }
}
