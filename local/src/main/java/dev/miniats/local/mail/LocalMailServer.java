package dev.miniats.local.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * The embedded SMTP/IMAP server (GreenMail). Any recipient gets a mailbox on first delivery,
 * with the address as both login and password, so any mail client can read it over IMAP.
 * GreenMail keeps mailboxes in memory; {@link #restore} puts stored messages back after a restart.
 */
public final class LocalMailServer implements AutoCloseable {
    private final GreenMail greenMail;

    public LocalMailServer(String bindAddress, int smtpPort, int imapPort) {
        ServerSetup smtp = new ServerSetup(smtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, bindAddress, ServerSetup.PROTOCOL_IMAP);
        if (smtpPort == 0) {
            smtp = smtp.dynamicPort();
        }
        if (imapPort == 0) {
            imap = imap.dynamicPort();
        }
        this.greenMail = new GreenMail(new ServerSetup[]{smtp, imap})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication().withPreloadDir(null));
    }

    public void start() {
        greenMail.start();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** Delivers a stored message straight into the recipients' mailboxes, without SMTP. */
    public void restore(byte[] raw, Iterable<String> recipients) throws MessagingException {
        for (String recipient : recipients) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            greenMail.setUser(recipient, recipient, recipient).deliver(message);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
