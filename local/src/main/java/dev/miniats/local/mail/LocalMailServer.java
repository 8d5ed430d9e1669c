package dev.miniats.local.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * The embedded SMTP/IMAP server (GreenMail). Any recipient gets a mailbox on first delivery,
 * with the address as both login and password, so any mail client can read it over IMAP.
 * GreenMail keeps mailboxes in memory; {@link #deliver} puts stored messages back after a restart.
 * Thread-safe (GreenMail's mailboxes are).
 */
public final class LocalMailServer implements AutoCloseable {
    private static final Session SESSION = Session.getInstance(new Properties());
    private final NoDelayGreenMail greenMail;

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
    }

    public void start() {
        greenMail.start();
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
     * every message to the local mailboxes, and at start to put back those delivered before.
     */
    public void deliver(byte[] raw, Iterable<String> recipients) throws MessagingException {
        for (String recipient : recipients) {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            message.removeHeader("Bcc");
            GreenMailUser user = greenMail.getUserManager().getUserByEmail(recipient);
            (user != null ? user : greenMail.setUser(recipient, recipient, recipient)).deliver(message);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
