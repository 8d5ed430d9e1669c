package dev.miniats.core.calendar;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.Properties;

/**
 * What a calendar client sends when its user answers an invite (RFC 5546 section 3.2.3, iMIP RFC
 * 6047): a {@code METHOD:REPLY} calendar built with ical4j from the invite received, with the
 * invite's UID, SEQUENCE, DTSTART and ORGANIZER and one ATTENDEE carrying the answer, in a
 * {@code multipart/alternative} mail with {@code text/calendar; method=REPLY}. Test fixture.
 */
public final class ClientReplies {
    private ClientReplies() {
    }

    /** The REPLY calendar answering {@code inviteIcs} for {@code attendee} with {@code partStat}. */
    public static String replyCalendar(String inviteIcs, String attendee, PartStat partStat) throws Exception {
        Calendar invite = new CalendarBuilder().build(new StringReader(inviteIcs));
        VEvent invited = invite.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        VEvent answer = new VEvent(false);
        answer.add(invited.<Property>getProperty(Property.UID).orElseThrow());
        invited.<Property>getProperty(Property.SEQUENCE).ifPresent(answer::add);
        answer.add(new DtStamp(Instant.now()));
        answer.add(invited.<Property>getProperty(Property.DTSTART).orElseThrow());
        invited.<Property>getProperty(Property.DTEND).ifPresent(answer::add);
        answer.add(invited.<Property>getProperty(Property.ORGANIZER).orElseThrow());
        Attendee me = new Attendee(URI.create("mailto:" + attendee));
        me.add(partStat);
        me.add(new Cn("A Candidate"));
        answer.add(me);
        Calendar reply = new Calendar();
        reply.add(new ProdId("-//Example Client//Calendar 1.0//EN"));
        reply.add(ImmutableVersion.VERSION_2_0);
        reply.add(new Method("REPLY"));
        invite.getComponents(Component.VTIMEZONE).forEach(zone -> reply.add((net.fortuna.ical4j.model.component.CalendarComponent) zone));
        reply.add(answer);
        return reply.toString();
    }

    /** The iMIP mail carrying {@code replyIcs} from {@code attendee} to {@code organizer}. */
    public static byte[] mail(String attendee, String organizer, String replyIcs) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(attendee));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(organizer));
        message.setSubject("Re: Interview");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("My answer to your invitation.", "UTF-8");
        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setContent(replyIcs, "text/calendar; charset=UTF-8; method=REPLY");
        MimeMultipart alternative = new MimeMultipart("alternative", text, calendar);
        message.setContent(alternative);
        message.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return raw.toByteArray();
    }

    /** A real-world sample in {@code src/test/resources/calendar-replies/}. */
    public static byte[] sample(String name) throws Exception {
        try (InputStream in = ClientReplies.class.getResourceAsStream("/calendar-replies/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        }
    }
}
