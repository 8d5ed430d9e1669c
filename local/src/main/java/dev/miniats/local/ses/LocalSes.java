package dev.miniats.local.ses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.idempotency.IdempotencyConfig;
import dev.miniats.core.mail.MimeEmails;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.mail.SmtpDelivery;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The local SES: turns an accepted message into raw MIME, stores it (committed before the API
 * answers), then hands it to SMTP delivery. Headers are built with Jakarta Mail only.
 *
 * <p>A raw message carrying {@value MimeEmails#MESSAGE_KEY_HEADER} (the hiring functions put
 * their idempotency key's message key there) is sent once per key within
 * {@link #MESSAGE_KEY_WINDOW}: a repeat is answered with the first message's MessageId and stores
 * and delivers nothing, whatever its content (like an SQS FIFO deduplication id). The check and
 * the store are one SQLite write ({@link MailStore#addOnce}), so it holds for concurrent repeats
 * and across a SIGKILL at any moment. SES on AWS has no such key; there the header is inert.
 * Thread-safe.
 */
public final class LocalSes {
    /** SES v2's limit on a message, including attachments, after base64 decoding. */
    public static final int MAX_MESSAGE_BYTES_V2 = 40 * 1024 * 1024;
    /** SES v1's limit. */
    public static final int MAX_MESSAGE_BYTES_V1 = 10 * 1024 * 1024;

    /** How long a message key is remembered: as long as an idempotency record lives. */
    public static final Duration MESSAGE_KEY_WINDOW = IdempotencyConfig.DEFAULT.expiry();

    private static final Logger LOG = LoggerFactory.getLogger(LocalSes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MailStore store;
    private final SmtpDelivery delivery;
    private final Identities identities;
    private final boolean sandbox;
    private final String region;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    /**
     * @param sandbox when true, like an SES account in the sandbox, the sender and every recipient
     *                must be verified identities; when false nothing is checked (a local default that
     *                lets any code send without setting identities up first)
     */
    public LocalSes(MailStore store, SmtpDelivery delivery, Identities identities, boolean sandbox, String region, Clock clock) {
        this.store = store;
        this.delivery = delivery;
        this.identities = identities;
        this.sandbox = sandbox;
        this.region = region;
        this.clock = clock;
    }

    public boolean sandbox() {
        return sandbox;
    }

    /** A simple message: subject and text and/or HTML body. */
    public record Simple(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
                         String subject, String subjectCharset, String text, String textCharset, String html, String htmlCharset) {
    }

    /** Builds, stores and queues a simple message; returns the SES MessageId. */
    public String sendSimple(String api, Simple m, int maxBytes) {
        try {
            MimeMessage message = new PreservingMimeMessage(session);
            message.setFrom(address("FromEmailAddress", m.from()));
            setRecipients(message, Message.RecipientType.TO, m.to());
            setRecipients(message, Message.RecipientType.CC, m.cc());
            if (!m.replyTo().isEmpty()) {
                message.setReplyTo(addresses("ReplyToAddresses", m.replyTo()));
            }
            message.setSubject(m.subject(), charset(m.subjectCharset()));
            if (m.text() != null && m.html() != null) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(m.text(), charset(m.textCharset()), "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(m.html(), charset(m.htmlCharset()), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                message.setContent(alternative);
            } else if (m.html() != null) {
                message.setText(m.html(), charset(m.htmlCharset()), "html");
            } else if (m.text() != null) {
                message.setText(m.text(), charset(m.textCharset()), "plain");
            } else {
                throw new InvalidSesRequestException("The message body must contain Text or Html.");
            }
            List<String> envelope = new ArrayList<>();
            envelope.addAll(m.to());
            envelope.addAll(m.cc());
            envelope.addAll(m.bcc());
            return accept(api, message, null, envelope, view(m), null, maxBytes);
        } catch (MessagingException e) {
            throw new InvalidSesRequestException("Cannot build the message: " + e.getMessage());
        }
    }

    /**
     * Stores and queues a raw MIME message. Recipients are {@code destinations} when given, else the
     * message's To, Cc and Bcc headers; a Bcc header is removed before the message is stored.
     * {@code source} (SES v1 Source, v2 FromEmailAddress) is the envelope sender when given; the
     * message's own From header is kept, and only added from {@code source} when missing.
     */
    public String sendRaw(String api, byte[] raw, List<String> destinations, String source, int maxBytes) {
        if (raw.length > maxBytes) {
            throw tooLong(maxBytes);
        }
        if (raw.length == 0) {
            throw new InvalidSesRequestException("The raw message is empty.");
        }
        try {
            MimeMessage message = new PreservingMimeMessage(session, new ByteArrayInputStream(raw));
            List<String> envelope = new ArrayList<>(destinations);
            if (envelope.isEmpty()) {
                for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC, Message.RecipientType.BCC)) {
                    Address[] found = message.getRecipients(type);
                    if (found != null) {
                        for (Address a : found) {
                            envelope.add(((InternetAddress) a).getAddress());
                        }
                    }
                }
            }
            message.removeHeader("Bcc");
            // Like SES, the Source / FromEmailAddress parameter names the envelope sender; it never
            // rewrites the message's own From header, and only fills in a missing one.
            InternetAddress envelopeFrom = source == null || source.isBlank() ? null : address("Source", source);
            if (message.getHeader("From") == null && envelopeFrom != null) {
                message.setFrom(envelopeFrom);
            }
            if (message.getHeader("From") == null) {
                throw new MessageRejectedException("Missing required header 'From'.");
            }
            String messageKey = message.getHeader(MimeEmails.MESSAGE_KEY_HEADER, null);
            return accept(api, message, envelopeFrom, envelope, null,
                    messageKey == null || messageKey.isBlank() ? null : messageKey.strip(), maxBytes);
        } catch (MessagingException e) {
            throw new InvalidSesRequestException("The raw message is not valid MIME: " + e.getMessage());
        }
    }

    private String accept(String api, MimeMessage message, InternetAddress envelopeFrom, List<String> recipients,
                          String requestView, String messageKey, int maxBytes) throws MessagingException {
        Set<String> envelope = new LinkedHashSet<>();
        for (String r : recipients) {
            envelope.add(address("Destination", r).getAddress());
        }
        if (envelope.isEmpty()) {
            throw new MessageRejectedException("Message has no recipients.");
        }
        if (envelope.size() > 50) {
            throw new MessageRejectedException("Recipient count exceeds 50.");
        }
        String source = envelopeFrom != null ? envelopeFrom.getAddress() : fromHeader(message).getAddress();
        if (sandbox) {
            List<String> checked = new ArrayList<>();
            checked.add(source);
            checked.addAll(envelope);
            List<String> failed = identities.unverified(checked);
            if (!failed.isEmpty()) {
                // SES's own wording (https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html).
                throw new MessageRejectedException("Email address is not verified. The following identities failed the check in region "
                        + region.toUpperCase(java.util.Locale.ROOT) + ": " + String.join(", ", failed));
            }
        }
        String id = newMessageId();
        if (message.getHeader("Date") == null) {
            // SES adds a Date to a message without one and keeps the one a raw message has.
            message.setSentDate(new Date(clock.millis()));
        }
        message.setHeader("Message-ID", "<" + id + "@email.amazonses.com>");
        message.saveChanges();
        byte[] raw;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            raw = out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("cannot serialize", e);
        }
        if (raw.length > maxBytes) {
            throw tooLong(maxBytes);
        }
        String stored = store.addOnce(new MailStore.NewMail(id, api, source, List.copyOf(envelope), message.getSubject(), raw,
                requestView, messageKey), clock.millis(), MESSAGE_KEY_WINDOW.toMillis());
        if (!stored.equals(id)) {
            // Already stored, so already queued for delivery (or delivered): answer it, send nothing.
            LOG.info("message key {} was already sent as {}; nothing sent again", messageKey, stored);
            return stored;
        }
        delivery.deliverStored(id, raw, List.copyOf(envelope));
        return id;
    }

    private static InternetAddress fromHeader(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (AddressException e) {
            throw new InvalidSesRequestException("Illegal address in the From header: " + e.getMessage());
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            throw new MessageRejectedException("Missing required header 'From'.");
        }
        return address;
    }

    private static MessageRejectedException tooLong(int maxBytes) {
        return new MessageRejectedException("Message length is more than " + maxBytes + " bytes long.");
    }

    /** What LocalStack's /_aws/ses shows for a message sent with Simple content. */
    private static String view(Simple m) {
        ObjectNode view = JSON.createObjectNode();
        ObjectNode destination = view.putObject("Destination");
        addList(destination, "ToAddresses", m.to());
        addList(destination, "CcAddresses", m.cc());
        addList(destination, "BccAddresses", m.bcc());
        ObjectNode body = view.putObject("Body");
        body.put("text_part", m.text());
        body.put("html_part", m.html());
        return view.toString();
    }

    private static void addList(ObjectNode parent, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            values.forEach(array::add);
        }
    }

    private String newMessageId() {
        byte[] random = new byte[4];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
        return String.format("%016x", clock.millis()) + "-" + UUID.randomUUID() + "-" + HexFormat.of().formatHex(random).substring(0, 6);
    }

    private static void setRecipients(MimeMessage message, Message.RecipientType type, List<String> list) throws MessagingException {
        if (!list.isEmpty()) {
            message.setRecipients(type, addresses(type.toString(), list));
        }
    }

    private static InternetAddress[] addresses(String field, List<String> list) {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = address(field, list.get(i));
        }
        return out;
    }

    /** Parses "Name <a@b>" or "a@b" strictly; CR/LF or a bad address is SES's InvalidParameterValue. */
    static InternetAddress address(String field, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new InvalidSesRequestException("Illegal address in " + field + ": " + value);
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            if (address.getPersonal() != null) {
                // Parsed display names are kept as typed; setting them again RFC 2047-encodes non-ASCII ones.
                address.setPersonal(address.getPersonal(), "UTF-8");
            }
            if (address.getAddress().length() > 254) {
                throw new InvalidSesRequestException("Address too long in " + field + ": " + value);
            }
            return address;
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new InvalidSesRequestException("Illegal address in " + field + ": " + value);
        }
    }

    private static String charset(String requested) {
        return requested == null || requested.isBlank() ? "UTF-8" : requested;
    }
}
