package dev.miniats.local.ses;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;



/** Reads a mailbox over IMAP with Jakarta Mail, as a mail client would: login and password are the address. */
final class Mailbox {
    private Mailbox() {
    }

    /** Waits until {@code address}'s INBOX holds at least {@code count} messages; returns them all, oldest first. */
    static List<MimeMessage> await(int imapPort, String address, int count) {
        AtomicReference<List<MimeMessage>> found = new AtomicReference<>(List.of());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            found.set(read(imapPort, address));
            return found.get().size() >= count;
        });
        return found.get();
    }

    /** The messages in {@code address}'s INBOX (none when the mailbox does not exist yet), copied into memory. */
    static List<MimeMessage> read(int imapPort, String address) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        try {
            store.connect("127.0.0.1", imapPort, address, address);
        } catch (AuthenticationFailedException noMailboxYet) {
            return List.of();
        }
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<MimeMessage> out = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    out.add(new MimeMessage((MimeMessage) m));
                }
                return out;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
