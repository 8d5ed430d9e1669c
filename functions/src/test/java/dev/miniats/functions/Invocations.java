package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.core.mail.HiringEmails;
import dev.miniats.core.mail.RawEmail;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

/** Builds events, invokes handlers as Lambda does (streams), and opens what they sent. */
final class Invocations {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    /** The brief's test payload, unchanged. */
    static final String BRIEF_PAYLOAD = """
            {"toEmail":"ada.lovelace@example.com","fromEmail":"talent@example.com","companyName":"Criteria Corp Testing"}""";

    private Invocations() {
    }

    static FunctionEnvironment environment(RecordingMailer mailer) {
        return new FunctionEnvironment(CLOCK, mailer, new HiringEmails(EmailTemplates.builtIn()));
    }

    /** An EventBridge envelope with {@code detail}. */
    static String envelope(String id, String detailType, String detail) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0").put("id", id).put("detail-type", detailType).put("source", "mini-ats")
                .put("account", "000000000000").put("time", "2026-11-26T11:59:00Z").put("region", "us-east-1");
        envelope.putArray("resources");
        try {
            envelope.set("detail", JSON.readTree(detail));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("detail is not JSON: " + detail, e);
        }
        return envelope.toString();
    }

    static JsonNode invoke(HiringHandler handler, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    static MimeMessage open(RawEmail email) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(email.mime()));
    }

    /** The text/calendar alternative of an invite email. */
    static BodyPart calendarPart(RawEmail email) throws Exception {
        MimeMultipart mixed = (MimeMultipart) open(email).getContent();
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            if (new ContentType(alternative.getBodyPart(i).getContentType()).match("text/calendar")) {
                return alternative.getBodyPart(i);
            }
        }
        throw new AssertionError("no text/calendar part in the invite email");
    }

    static String ics(RawEmail email) throws Exception {
        return new String(calendarPart(email).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
