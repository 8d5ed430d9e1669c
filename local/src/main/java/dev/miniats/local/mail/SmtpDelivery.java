package dev.miniats.local.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers stored messages, off the API thread: into the embedded server's mailboxes in process,
 * or to a relay over SMTP.
 * A failed attempt leaves the message queued and retries with backoff; nothing is dropped.
 * Thread-safe.
 */
public final class SmtpDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpDelivery.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final MailStore store;
    private final Session session;
    private final Clock clock;
    private final double timeScale;
    private final String via;
    private final SmtpRelay relay;       // null when delivering to the embedded server
    private final LocalMailServer server; // null when delivering to a relay
    private final ScheduledExecutorService executor;

    /**
     * Delivers into the embedded mail server's mailboxes in process. Over SMTP each message cost a
     * connection, a six-command dialogue and a thread hand-off inside the server; handing the
     * stored bytes over directly makes SES SendEmail → readable over IMAP a few milliseconds.
     */
    public static SmtpDelivery embedded(MailStore store, LocalMailServer server, Clock clock, double timeScale) {
        return new SmtpDelivery(store, null, server, MailStore.EMBEDDED, clock, timeScale);
    }

    /** Delivers to an external relay over SMTP (STARTTLS and AUTH as configured). */
    public static SmtpDelivery relay(MailStore store, SmtpRelay relay, Clock clock, double timeScale) {
        return new SmtpDelivery(store, relay, null, "relay", clock, timeScale);
    }

    private SmtpDelivery(MailStore store, SmtpRelay relay, LocalMailServer server, String via, Clock clock, double timeScale) {
        this.store = store;
        this.relay = relay;
        this.server = server;
        this.via = via;
        this.clock = clock;
        this.timeScale = timeScale;
        this.session = relay == null ? null : smtpSession(relay);
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "smtp-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    private static Session smtpSession(SmtpRelay relay) {
        Properties props = new Properties();
        props.put("mail.smtp.host", relay.host());
        props.put("mail.smtp.port", String.valueOf(relay.port()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        if (relay.startTls()) {
            // Required, not merely enabled: never fall back to sending credentials in clear text.
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (relay.user() != null) {
            props.put("mail.smtp.auth", "true");
        }
        return Session.getInstance(props);
    }

    /** Queues every message still waiting in the store (after a restart). */
    public void resume() {
        store.withStatus("queued").forEach(m -> submit(m.id(), m.attempts(), 0));
    }

    public void submit(String id) {
        submit(id, 0, 0);
    }

    private void submit(String id, int attemptsSoFar, long delayMillis) {
        try {
            executor.schedule(() -> attempt(id, attemptsSoFar + 1), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("delivery closed; message {} stays queued for the next start", id);
        }
    }

    /**
     * Delivers a message {@code id} just stored (committed) with these bytes and recipients. Into
     * the embedded server's mailboxes this is the first attempt, on the caller's thread: the mail
     * is readable when the SES call answers, with no hand-off to the delivery thread and no read
     * of the stored bytes back. The delivered mark is committed without waiting for it: the
     * mailboxes live in memory and are rebuilt from the store at start (delivered mails restored,
     * queued ones delivered), so a crash before the mark commits still delivers the mail once.
     * A relay, or a failed first attempt, continues in the background with retries.
     */
    public void deliverStored(String id, byte[] raw, List<String> destinations) {
        if (server == null) {
            submit(id);
            return;
        }
        try {
            server.deliver(raw, destinations);
        } catch (MessagingException | RuntimeException e) {
            retryLater(id, 1, e);
            return;
        }
        store.markDeliveredLater(id, 1, via, clock.millis());
    }

    private void attempt(String id, int attempt) {
        StoredMail mail = store.get(id).orElse(null);
        if (mail == null || !"queued".equals(mail.status())) {
            return;
        }
        try {
            if (server != null) {
                server.deliver(mail.raw(), mail.destinations());
            } else {
                send(mail);
            }
            store.markDelivered(id, attempt, via, clock.millis());
        } catch (MessagingException | RuntimeException e) {
            retryLater(id, attempt, e);
        }
    }

    private void retryLater(String id, int attempt, Exception e) {
        long delay = Math.max(1, Math.round(Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(attempt, 16)) * timeScale));
        LOG.warn("Mail delivery of {} ({}) failed (attempt {}), retrying in {} ms: {}", id, via, attempt, delay, e.getMessage());
        store.markAttemptFailed(id, attempt, String.valueOf(e.getMessage()));
        submit(id, attempt, delay);
    }

    private void send(StoredMail mail) throws MessagingException {
        SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(mail.raw()));
        message.setEnvelopeFrom(mail.source());
        Address[] recipients = new Address[mail.destinations().size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new InternetAddress(mail.destinations().get(i));
        }
        // sendMessage, not Transport.send: the stored bytes go out as stored (no saveChanges()
        // rewriting Message-ID); the SMTP provider leaves the Bcc header out of what it writes.
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(relay.user(), relay.password());
            transport.sendMessage(message, recipients);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
