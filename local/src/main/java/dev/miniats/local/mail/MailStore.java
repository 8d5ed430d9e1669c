package dev.miniats.local.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.Database.SqlFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every message the local SES accepted, raw, with its delivery state. Thread-safe. */
public final class MailStore {
    private static final Logger LOG = LoggerFactory.getLogger(MailStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code delivered_via} of a mail put into the embedded server's mailboxes (the other is {@code relay}). */
    static final String EMBEDDED = "embedded";
    private static final String COLUMNS = "seq, id, api, source, destinations, subject, raw, status, attempts, last_error, created_at, "
            + "delivered_at, request_view, delivered_via";

    private final Database db;

    public MailStore(Database db) {
        this.db = db;
    }

    /**
     * A message to store. {@code requestView} is the JSON LocalStack's /_aws/ses shows for a
     * non-raw message (Destination, Body), or null for a raw one. {@code messageKey} is the
     * effect key the message carried, or null; see {@link #addOnce}.
     */
    public record NewMail(String id, String api, String source, List<String> destinations, String subject, byte[] raw,
                          String requestView, String messageKey) {
        public NewMail {
            destinations = List.copyOf(destinations);
        }

        /** A message without an effect key. */
        public NewMail(String id, String api, String source, List<String> destinations, String subject, byte[] raw,
                       String requestView) {
            this(id, api, source, destinations, subject, raw, requestView, null);
        }
    }

    /** Stores a new message as queued; committed when this returns. */
    public void add(NewMail mail, long now) {
        addOnce(mail, now, 0);
    }

    /**
     * Stores a new message as queued unless a message with the same {@link NewMail#messageKey}
     * was stored within {@code windowMillis} before {@code now}; returns the id of the message
     * stored under the key: {@code mail}'s when it was stored, the earlier one's when not. The
     * look-up and the insert are one write transaction (SQLite has one writer, and a unique index
     * backs the key), so of any number of concurrent or repeated sends of one key exactly one is
     * stored; committed when this returns. A key older than the window is taken off its message
     * (which stays stored) and given to the new one. A message without a key is always stored.
     */
    public String addOnce(NewMail mail, long now, long windowMillis) {
        String recipients;
        try {
            recipients = JSON.writeValueAsString(mail.destinations());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
        return db.write(c -> {
            if (mail.messageKey() != null) {
                try (PreparedStatement s = c.prepareStatement("SELECT id, created_at FROM mails WHERE message_key=?")) {
                    s.setString(1, mail.messageKey());
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next() && r.getLong(2) > now - windowMillis) {
                            return r.getString(1);
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE mails SET message_key=NULL WHERE message_key=?")) {
                    s.setString(1, mail.messageKey());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO mails (id, api, source, destinations, subject, raw, status, "
                    + "created_at, request_view, message_key) VALUES (?,?,?,?,?,?,'queued',?,?,?)")) {
                s.setString(1, mail.id());
                s.setString(2, mail.api());
                s.setString(3, mail.source());
                s.setString(4, recipients);
                s.setString(5, mail.subject());
                s.setBytes(6, mail.raw());
                s.setLong(7, now);
                s.setString(8, mail.requestView());
                s.setString(9, mail.messageKey());
                s.executeUpdate();
            }
            return mail.id();
        });
    }

    /** {@code via} is where it went: {@code embedded} (the local mailbox) or {@code relay}. */
    public void markDelivered(String id, int attempts, String via, long now) {
        db.write(delivered(id, attempts, via, now));
    }

    /**
     * Like {@link #markDelivered}, returning before the mark is committed (a failed commit is
     * logged; the mail then stays queued and is delivered again at the next start).
     */
    public void markDeliveredLater(String id, int attempts, String via, long now) {
        db.writeLater(delivered(id, attempts, via, now)).exceptionally(e -> {
            LOG.warn("could not mark mail {} delivered: {}", id, e.toString());
            return 0;
        });
    }

    /**
     * Marks the mail delivered and, when it went into the embedded mailboxes, records it in each
     * recipient's mailbox ({@code mailbox_mails}) in the same transaction: a delivered mail is in
     * the index exactly once, which is what a restart rebuilds the mailboxes from.
     */
    private static SqlFunction<Integer> delivered(String id, int attempts, String via, long now) {
        return c -> {
            if (EMBEDDED.equals(via)) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO mailbox_mails (mailbox, mail_seq) "
                        + "SELECT lower(trim(j.value)), m.seq FROM mails m, json_each(m.destinations) j "
                        + "WHERE m.id = ? AND m.status <> 'delivered' ORDER BY j.key")) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE mails SET status='delivered', attempts=?, last_error=NULL, delivered_at=?, delivered_via=? WHERE id=?")) {
                s.setInt(1, attempts);
                s.setLong(2, now);
                s.setString(3, via);
                s.setString(4, id);
                return s.executeUpdate();
            }
        };
    }

    /**
     * Takes messages off LocalStack's sent-mail list (DELETE /_aws/ses): one by id, or all when
     * {@code id} is null. They stay stored and queued ones are still delivered; returns how many.
     */
    public int clear(String id, long now) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(id == null
                    ? "UPDATE mails SET cleared_at=? WHERE cleared_at IS NULL"
                    : "UPDATE mails SET cleared_at=? WHERE cleared_at IS NULL AND id=?")) {
                s.setLong(1, now);
                if (id != null) {
                    s.setString(2, id);
                }
                return s.executeUpdate();
            }
        });
    }

    /** Messages still on the sent-mail list, oldest first, optionally only one id and/or one source. */
    public List<StoredMail> listed(String id, String source) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mails WHERE cleared_at IS NULL "
                    + "AND (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR source = ?2) ORDER BY seq")) {
                s.setString(1, id);
                s.setString(2, source);
                return rows(s);
            }
        });
    }

    /** Every stored message, cleared or not. */
    public long count() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM mails"); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Messages accepted since {@code since} (epoch millis): SES's SentLast24Hours. */
    public long countSince(long since) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM mails WHERE created_at >= ?")) {
                s.setLong(1, since);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** Records a failed SMTP attempt; the message stays queued (it is never dropped). */
    public void markAttemptFailed(String id, int attempts, String error) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE mails SET attempts=?, last_error=? WHERE id=?")) {
                s.setInt(1, attempts);
                s.setString(2, error);
                s.setString(3, id);
                return s.executeUpdate();
            }
        });
    }

    /**
     * The newest entry of the mailbox index: the mailboxes' contents up to it were delivered before
     * now (a previous start), those after it are delivered from now on. Cheap (the last row id).
     */
    public long lastMailboxEntry() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(id), 0) FROM mailbox_mails");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /**
     * The raw mails the embedded mailbox of {@code address} held up to index entry {@code upTo}, in
     * the order SES accepted them. Reads only this mailbox's rows (by the index), not every mail.
     */
    public List<byte[]> mailbox(String address, long upTo) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT m.raw FROM mailbox_mails b JOIN mails m ON m.seq = b.mail_seq "
                    + "WHERE b.mailbox = lower(trim(?)) AND b.id <= ? ORDER BY b.mail_seq, b.id")) {
                s.setString(1, address);
                s.setLong(2, upTo);
                List<byte[]> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getBytes(1));
                    }
                }
                return out;
            }
        });
    }

    public List<StoredMail> withStatus(String status) {
        return query("SELECT " + COLUMNS + " FROM mails WHERE status=? ORDER BY seq", status);
    }

    public Optional<StoredMail> get(String id) {
        return query("SELECT " + COLUMNS + " FROM mails WHERE id=?", id).stream().findFirst();
    }

    /** The newest messages first. */
    public List<StoredMail> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM mails ORDER BY seq DESC LIMIT ?", limit);
    }

    private List<StoredMail> query(String sql, Object arg) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (arg instanceof Integer n) {
                    s.setInt(1, n);
                } else {
                    s.setString(1, (String) arg);
                }
                return rows(s);
            }
        });
    }

    private static List<StoredMail> rows(PreparedStatement s) throws SQLException {
        List<StoredMail> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(mail(r));
            }
        }
        return out;
    }

    private static StoredMail mail(ResultSet r) throws SQLException {
        List<String> destinations;
        try {
            destinations = JSON.readValue(r.getString(5), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("mails.destinations is not a JSON array: " + r.getString(5), e);
        }
        long delivered = r.getLong(12);
        Long deliveredAt = r.wasNull() ? null : delivered;
        return new StoredMail(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), destinations, r.getString(6),
                r.getBytes(7), r.getString(8), r.getInt(9), r.getString(10), r.getLong(11), deliveredAt, r.getString(13), r.getString(14));
    }
}
