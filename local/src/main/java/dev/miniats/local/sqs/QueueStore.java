package dev.miniats.local.sqs;

import dev.miniats.local.sqlite.Database;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.DBMessage;
import org.elasticmq.persistence.sql.DBQueue;
import scala.Option;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * ElasticMQ's queues and messages in the runtime's SQLite file, in ElasticMQ's own serialization
 * ({@link DBQueue}, {@link DBMessage}: the rows of its SQL persistence), so they survive a restart.
 * ElasticMQ's own SQL persistence is not used because it opens one JDBC pool per JVM (its
 * {@code DB} object is a singleton), which two runtimes in one JVM would share. Thread-safe.
 */
final class QueueStore {
    private final Database db;

    QueueStore(Database db) {
        this.db = db;
    }

    void saveQueue(CreateQueueMetadata queue) {
        DBQueue row = DBQueue.from(queue);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO sqs_queues (name, data) VALUES (?,?) ON CONFLICT (name) DO UPDATE SET data=excluded.data")) {
                s.setString(1, row.name());
                s.setBytes(2, row.data());
                return s.executeUpdate();
            }
        });
    }

    void deleteQueue(String name) {
        db.write(c -> {
            try (PreparedStatement messages = c.prepareStatement("DELETE FROM sqs_messages WHERE queue=?");
                 PreparedStatement queue = c.prepareStatement("DELETE FROM sqs_queues WHERE name=?")) {
                messages.setString(1, name);
                messages.executeUpdate();
                queue.setString(1, name);
                return queue.executeUpdate();
            }
        });
    }

    List<CreateQueueMetadata> queues() {
        return db.read(c -> {
            List<CreateQueueMetadata> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, data FROM sqs_queues ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new DBQueue(r.getString(1), r.getBytes(2)).toCreateQueue());
                }
            }
            return out;
        });
    }

    /** Inserts or replaces the message (a receive changes its receipts, next delivery and count). */
    void saveMessage(String queue, InternalMessage message) {
        DBMessage m = DBMessage.from(message);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO sqs_messages (queue, message_id, delivery_receipts,"
                    + " next_delivery, content, attributes, created, received, receive_count, group_id, deduplication_id, tracing_id,"
                    + " sequence_number, dead_letter_source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, queue);
                s.setString(2, m.messageId());
                s.setBytes(3, m.deliveryReceipts());
                s.setLong(4, m.nextDelivery());
                s.setBytes(5, m.content());
                s.setBytes(6, m.attributes());
                s.setLong(7, m.created());
                if (m.received().isDefined()) {
                    s.setLong(8, (Long) m.received().get());
                } else {
                    s.setNull(8, Types.INTEGER);
                }
                s.setInt(9, m.receiveCount());
                setOptional(s, 10, m.groupId());
                setOptional(s, 11, m.deduplicationId());
                setOptional(s, 12, m.tracingId());
                setOptional(s, 13, m.sequenceNumber());
                setOptional(s, 14, m.deadLetterSourceQueueName());
                return s.executeUpdate();
            }
        });
    }

    void deleteMessage(String queue, String messageId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sqs_messages WHERE queue=? AND message_id=?")) {
                s.setString(1, queue);
                s.setString(2, messageId);
                return s.executeUpdate();
            }
        });
    }

    /** The queue's messages, oldest first, as ElasticMQ restores them. */
    List<InternalMessage> messages(String queue) {
        return db.read(c -> {
            List<InternalMessage> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT message_id, delivery_receipts, next_delivery, content, attributes,"
                    + " created, received, receive_count, group_id, deduplication_id, tracing_id, sequence_number, dead_letter_source"
                    + " FROM sqs_messages WHERE queue=? ORDER BY created, message_id")) {
                s.setString(1, queue);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long received = r.getLong(7);
                        Option<Object> firstReceived = r.wasNull() ? Option.empty() : Option.apply(received);
                        out.add(new DBMessage(r.getString(1), r.getBytes(2), r.getLong(3), r.getBytes(4), r.getBytes(5),
                                r.getLong(6), firstReceived, r.getInt(8), Option.apply(r.getString(9)), Option.apply(r.getString(10)),
                                Option.apply(r.getString(11)), Option.apply(r.getString(12)), Option.apply(r.getString(13)))
                                .toInternalMessage());
                    }
                }
            }
            return out;
        });
    }

    private static void setOptional(PreparedStatement s, int index, Option<String> value) throws SQLException {
        if (value.isDefined()) {
            s.setString(index, value.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }
}
