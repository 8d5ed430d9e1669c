package dev.miniats.local.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * The embedded SMTP/IMAP server (GreenMail). Any recipient gets a mailbox on first delivery,
 * with the address as both login and password, so any mail client can read it over IMAP.
 * GreenMail keeps mailboxes in memory; {@link #deliver} puts stored messages back after a restart.
 * Thread-safe (GreenMail's mailboxes are).
 */
public final class LocalMailServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMailServer.class);
    private static final Session SESSION = Session.getInstance(new Properties());
    private final NoDelayGreenMail greenMail;
    private final MailboxRestore restore = new MailboxRestore(this::append);

    public LocalMailServer(String bindAddress, int smtpPort, int imapPort) {
        ServerSetup smtp = new ServerSetup(smtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, bindAddress, ServerSetup.PROTOCOL_IMAP);
        if (smtpPort == 0) {
            smtp = smtp.dynamicPort();
        }
        if (imapPort == 0) {
            imap = imap.dynamicPort();
        }
        this.greenMail = new NoDelayGreenMail(new ServerSetup[]{smtp, imap});
        greenMail
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication().withPreloadDir(null));
        greenMail.imapView(mailboxes -> new RestoringHostManager(mailboxes, restore));
    }

    public void start() {
        greenMail.start();
        // mail a client hands the SMTP server lands after the stored mails of its mailbox too
        MessageDeliveryHandler delivery = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            restore.ensure(address.getEmail());
            return delivery.handle(message, address);
        });
    }

    /**
     * Reports every message a client hands the SMTP server to {@code listener} (GreenMail's
     * delivery hook, which SMTP delivery calls per recipient and {@link #deliver} does not). Call
     * after {@link #start}.
     */
    public void onReceived(InboundMailListener listener) {
        MessageDeliveryHandler delivery = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            GreenMailUser user = delivery.handle(message, address);
            try {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.getMessage().writeTo(raw);
                listener.received(raw.toByteArray(), address.getEmail());
            } catch (IOException | MessagingException | RuntimeException e) {
                // The mail is delivered whatever its reader makes of it: a listener never loses a message.
                LOG.warn("inbound mail listener failed for a message to {}: {}", address.getEmail(), e.toString());
            }
            return user;
        });
    }

    public int smtpPort() {
        return greenMail.port(ServerSetup.PROTOCOL_SMTP);
    }

    public int imapPort() {
        return greenMail.port(ServerSetup.PROTOCOL_IMAP);
    }

    /**
     * Delivers a message straight into the recipients' mailboxes, in this process: what SMTP to
     * the embedded server would do, without a TCP connection and an SMTP dialogue per message.
     * The Bcc header is left out, as an SMTP client leaves it out of what it transmits. Used for
     * every message to the local mailboxes; a mailbox not used since the start first gets its
     * stored mails back ({@link #restore}).
     */
    public void deliver(byte[] raw, Iterable<String> recipients) throws MessagingException {
        for (String recipient : recipients) {
            restore.ensure(recipient);
            append(raw, recipient);
        }
    }

    private void append(byte[] raw, String recipient) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        message.removeHeader("Bcc");
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(recipient);
        (user != null ? user : greenMail.setUser(recipient, recipient, recipient)).deliver(message);
    }

    /**
     * GreenMail keeps mailboxes in memory: from now on, each mailbox gets back the mails
     * {@code store} delivered to it before this start (not those relayed elsewhere) when it is first
     * used: an IMAP client opens it, or a mail is delivered to it. Costs one index look-up here,
     * whatever the number of stored mails. Call before mail is delivered, so a stored mail is
     * either restored (delivered before) or delivered once as queued, never both.
     */
    public void restore(MailStore store) {
        restore.from(store);
    }

    /** Whether {@code address} has a mailbox in memory yet (GreenMail creates one on first delivery or login). */
    boolean hasMailbox(String address) {
        return greenMail.getUserManager().getUserByEmail(address) != null;
    }

    @Override
    public void close() {
        restore.close();
        greenMail.stop();
    }
}
