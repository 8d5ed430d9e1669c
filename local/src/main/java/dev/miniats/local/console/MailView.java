package dev.miniats.local.console;

import dev.miniats.local.mail.StoredMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A stored mail taken apart for the mailbox page with Jakarta Mail: headers, the text and HTML
 * bodies, attachments, and a calendar invite when there is a {@code text/calendar} part.
 * Leaf parts are numbered in document order so an attachment can be fetched by its number.
 */
record MailView(StoredMail mail, List<HeaderLine> headers, String text, String html, List<Attachment> attachments,
                CalendarInvite invite, String raw) {
    private static final Session SESSION = Session.getInstance(new Properties());

    record HeaderLine(String name, String value) {
    }

    record Attachment(int index, String filename, String contentType, int size) {
    }

    /** One leaf part's bytes and type, for download. */
    record PartBytes(String filename, String contentType, byte[] bytes) {
    }

    static MailView of(StoredMail mail) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(mail.raw()));
            List<HeaderLine> headers = new ArrayList<>();
            for (Header h : Collections.list(message.getAllHeaders())) {
                headers.add(new HeaderLine(h.getName(), decode(h.getValue())));
            }
            Walk walk = new Walk();
            walk.visit(message);
            return new MailView(mail, headers, walk.text, walk.html, walk.attachments,
                    walk.calendar == null ? null : CalendarInvite.read(walk.calendar).orElse(null),
                    new String(mail.raw(), StandardCharsets.UTF_8));
        } catch (MessagingException | IOException e) {
            return new MailView(mail, List.of(new HeaderLine("X-Console-Error", "cannot parse this message: " + e.getMessage())),
                    null, null, List.of(), null, new String(mail.raw(), StandardCharsets.UTF_8));
        }
    }

    /** The bytes of leaf part {@code index}, or null when there is no such part. */
    static PartBytes part(StoredMail mail, int index) throws MessagingException, IOException {
        Walk walk = new Walk();
        walk.wanted = index;
        walk.visit(new MimeMessage(SESSION, new ByteArrayInputStream(mail.raw())));
        return walk.found;
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (java.io.UnsupportedEncodingException e) {
            return value;
        }
    }

    /** Depth-first over the MIME tree; the first text/plain, text/html and text/calendar bodies win. */
    private static final class Walk {
        String text;
        String html;
        String calendar;
        List<Attachment> attachments = new ArrayList<>();
        int next;
        int wanted = -1;
        PartBytes found;

        void visit(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multi = (Multipart) part.getContent();
                for (int i = 0; i < multi.getCount(); i++) {
                    BodyPart child = multi.getBodyPart(i);
                    visit(child);
                }
                return;
            }
            int index = next++;
            String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (index == wanted) {
                found = new PartBytes(part.getFileName(), type, bytes(part));
            }
            if (type.equals("text/calendar") && calendar == null) {
                calendar = new String(bytes(part), charset(part));
            }
            if (attachment) {
                attachments.add(new Attachment(index, part.getFileName() == null ? "part-" + index : decode(part.getFileName()),
                        type, bytes(part).length));
            } else if (type.equals("text/plain") && text == null) {
                text = new String(bytes(part), charset(part));
            } else if (type.equals("text/html") && html == null) {
                html = new String(bytes(part), charset(part));
            } else if (!type.equals("text/calendar")) {
                attachments.add(new Attachment(index, "part-" + index, type, bytes(part).length));
            }
        }

        private static byte[] bytes(Part part) throws MessagingException, IOException {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }

        private static java.nio.charset.Charset charset(Part part) throws MessagingException {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            try {
                return name == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(MimeUtility.javaCharset(name));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
    }
}
