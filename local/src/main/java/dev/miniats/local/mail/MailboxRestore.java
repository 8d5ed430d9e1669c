package dev.miniats.local.mail;

import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Puts a mailbox's stored mails back into GreenMail (which keeps mailboxes in memory) when the
 * mailbox is first used after a start: an IMAP client opens it, or a mail is delivered to it.
 * Restoring every mailbox at start cost 1.4-2.6 s per 1,000 stored mails (a MIME parse and two
 * GreenMail copies each), so the start grew with the mail a workshop had sent; now it costs one
 * look-up of the index's last entry, and a mailbox's first use pays for its own few mails.
 *
 * <p>Exactly once: the mails restored are those in the mailbox index up to the entry that was
 * last when {@link #from} ran, which is before this process delivers anything; every mail this
 * process delivers gets an entry after it (and is in memory already). A mailbox is restored at most
 * once per process, under its own lock, before anything else is put into it: a mail delivered
 * while it is being restored waits and lands after the restored ones, as it would have after a
 * restore at start. Thread-safe.
 */
final class MailboxRestore {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxRestore.class);

    /** How a restored mail is put into a mailbox: without asking for a restore again. */
    interface Append {
        void append(byte[] raw, String address) throws MessagingException;
    }

    /** How long a mailbox used while the runtime boots waits for {@link #from} (the boot takes about a second). */
    private static final long BOOT_WAIT_SECONDS = 60;

    private final Append append;
    private final Set<String> restored = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final CountDownLatch known = new CountDownLatch(1); // open once from() or close() ran
    private volatile MailStore store; // null until from()
    private volatile long upTo;

    MailboxRestore(Append append) {
        this.append = append;
    }

    /** From now on a mailbox's first use restores what {@code store} held for it up to its current last entry. */
    void from(MailStore store) {
        this.upTo = store.lastMailboxEntry();
        this.store = store;
        known.countDown();
    }

    /** Nothing will be restored: a mailbox used from now on is used as it is. */
    void close() {
        known.countDown();
    }

    /**
     * Restores {@code address}'s mailbox unless this process did already; returns when it holds its
     * stored mails. An IMAP client that logs in while the runtime still boots (GreenMail listens
     * early) waits here until the boot knows what to restore, rather than see a mailbox without them.
     */
    void ensure(String address) {
        if (address == null) {
            return;
        }
        try {
            if (!known.await(BOOT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("the mailbox of {} was used before the start said what to restore; used as it is", address);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        MailStore source = store;
        if (source == null) {
            return;
        }
        // GreenMail's own user key (UserManager: trimmed, lower-cased); MailStore.mailbox folds the same way
        String key = address.trim().toLowerCase(Locale.ENGLISH);
        if (restored.contains(key)) {
            return;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            if (restored.contains(key)) {
                return;
            }
            int count = 0;
            for (byte[] raw : source.mailbox(key, upTo)) {
                try {
                    append.append(raw, key);
                    count++;
                } catch (MessagingException | RuntimeException e) {
                    LOG.warn("cannot restore a stored message into the mailbox of {}: {}", key, e.toString());
                }
            }
            restored.add(key);
            if (count > 0) {
                LOG.debug("restored {} stored message(s) into the mailbox of {}", count, key);
            }
        }
    }
}
