package dev.miniats.local;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the iCalendar invite out of a raw mail, decoded as a mail client decodes it. */
final class Invites {
    private static final Pattern SEQUENCE = Pattern.compile("(?m)^SEQUENCE:(\\d+)");
    private static final Pattern METHOD = Pattern.compile("(?m)^METHOD:(\\w+)");

    private Invites() {
    }

    /** The SEQUENCE of the mail's text/calendar part. */
    static int sequence(String rawMail) {
        String ics = ics(rawMail);
        Matcher m = SEQUENCE.matcher(ics);
        if (!m.find()) {
            throw new AssertionError("no SEQUENCE in the invite:\n" + ics);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The METHOD of the mail's text/calendar part: REQUEST or CANCEL. */
    static String method(String rawMail) {
        Matcher m = METHOD.matcher(ics(rawMail));
        if (!m.find()) {
            throw new AssertionError("no METHOD in the invite of:\n" + rawMail);
        }
        return m.group(1);
    }

    /** The mail's text/calendar part, decoded. */
    static String ics(String rawMail) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(rawMail.getBytes(StandardCharsets.UTF_8)));
            return calendar(message).orElseThrow(() -> new AssertionError("no text/calendar part in:\n" + rawMail));
        } catch (MessagingException | IOException e) {
            throw new AssertionError("cannot read the mail: " + e.getMessage(), e);
        }
    }

    private static Optional<String> calendar(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/calendar")) {
            return Optional.of(new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<String> found = calendar(multipart.getBodyPart(i));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
