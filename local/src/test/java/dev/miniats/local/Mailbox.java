package dev.miniats.local;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads a mailbox over real IMAP, as a mail client would (login and password: the address).
 * Messages are returned fully loaded so they stay readable after the connection closes.
 */
public final class Mailbox {
    private final String host;
    private final int port;

    public Mailbox(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A message as read over IMAP: its headers' values and the whole raw source. */
    public record Mail(String subject, String from, String to, String raw) {
    }

    public List<Mail> inbox(String address) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect(host, port, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Mail> mails = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
                message.writeTo(raw);
                mails.add(new Mail(message.getSubject(), String.join(", ", header(message, "From")),
                        String.join(", ", header(message, "To")), raw.toString(java.nio.charset.StandardCharsets.UTF_8)));
            }
            inbox.close(false);
            return mails;
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of(); // GreenMail creates the account on first delivery: no mail yet.
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("cannot read " + address + " over IMAP: " + e.getMessage(), e);
        }
    }

    private static List<String> header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? List.of() : List.of(values);
    }
}
