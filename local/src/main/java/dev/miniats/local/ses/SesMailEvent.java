package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.miniats.local.aws.Json;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The event a receipt rule's Lambda action invokes its function with, in SES's documented shape
 * (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda-event.html): the mail's
 * headers, never its body. The local runtime does not scan mail, so every verdict is {@code GRAY}
 * (not evaluated) rather than a PASS it never checked. Immutable.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
record SesMailEvent(@JsonProperty("Records") List<Record> records) {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Verdict NOT_EVALUATED = new Verdict("GRAY");

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Record(String eventSource, String eventVersion, Ses ses) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Ses(Mail mail, Receipt receipt) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Mail(String timestamp, String source, String messageId, List<String> destination, boolean headersTruncated,
                List<NameValue> headers, CommonHeaders commonHeaders) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record NameValue(String name, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CommonHeaders(String returnPath, List<String> from, String date, List<String> to, List<String> cc,
                         @JsonProperty("reply-to") List<String> replyTo, String messageId, String subject) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Receipt(String timestamp, long processingTimeMillis, List<String> recipients, Verdict spamVerdict, Verdict virusVerdict,
                   Verdict spfVerdict, Verdict dkimVerdict, Verdict dmarcVerdict, Action action) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Verdict(String status) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Action(String type, String functionArn, String invocationType) {
    }

    /** What a received mail's headers say, read once per mail. */
    record Parsed(String source, List<NameValue> headers, CommonHeaders common) {
        static Parsed of(byte[] raw) {
            try {
                MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
                List<NameValue> headers = new ArrayList<>();
                for (Header h : Collections.list(m.getAllHeaders())) {
                    headers.add(new NameValue(h.getName(), h.getValue()));
                }
                String returnPath = first(m.getHeader("Return-Path"));
                List<String> from = addresses(m.getHeader("From"));
                String source = returnPath != null ? returnPath.replaceAll("[<>]", "").strip()
                        : from.isEmpty() ? "" : bare(from.get(0));
                return new Parsed(source, headers, new CommonHeaders(returnPath == null ? null : source, from,
                        first(m.getHeader("Date")), addresses(m.getHeader("To")), nullIfEmpty(addresses(m.getHeader("Cc"))),
                        nullIfEmpty(addresses(m.getHeader("Reply-To"))), first(m.getHeader("Message-ID")), m.getSubject()));
            } catch (MessagingException e) {
                // SES still runs its rules for mail it cannot fully read: the headers are then absent
                return new Parsed("", List.of(), new CommonHeaders(null, List.of(), null, List.of(), null, null, null, null));
            }
        }

        private static String first(String[] values) {
            return values == null || values.length == 0 ? null : values[0];
        }

        private static List<String> addresses(String[] values) {
            return values == null ? List.of() : Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        private static List<String> nullIfEmpty(List<String> list) {
            return list.isEmpty() ? null : list;
        }

        private static String bare(String address) {
            try {
                return new InternetAddress(address).getAddress();
            } catch (MessagingException e) {
                return address;
            }
        }
    }

    static byte[] of(Parsed mail, String messageId, String receivedAt, String recipient, long processingMillis, ReceiptAction.Lambda action) {
        Mail m = new Mail(receivedAt, mail.source(), messageId, List.of(recipient), false, mail.headers(), mail.common());
        Receipt r = new Receipt(receivedAt, processingMillis, List.of(recipient), NOT_EVALUATED, NOT_EVALUATED, NOT_EVALUATED,
                NOT_EVALUATED, NOT_EVALUATED, new Action("Lambda", action.functionArn(), action.invocationType()));
        try {
            return Json.MAPPER.writeValueAsString(new SesMailEvent(List.of(new Record("aws:ses", "1.0", new Ses(m, r)))))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the SES event always serialises", e);
        }
    }
}
