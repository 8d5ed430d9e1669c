package dev.miniats.local.ses;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What each received mail matched and did, kept in SQLite and read by {@code GET /_ats/ses/receipts}.
 * Thread-safe.
 */
final class ReceiptLog {
    /** One action run (or a rule that matched and did nothing): {@code outcome} is OK, FAILED or STOPPED. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Step(String rule, String action, String outcome, String detail) {
    }

    /** One received mail for one recipient of the active rule set. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Receipt(long id, String receivedAt, String messageId, String recipient, String ruleSet, List<Step> steps) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Receipts(List<Receipt> receipts) {
    }

    private static final TypeReference<List<Step>> STEPS = new TypeReference<>() { };
    private final Database db;

    ReceiptLog(Database db) {
        this.db = db;
    }

    void record(long receivedAt, String messageId, String recipient, String ruleSet, List<Step> steps) {
        String json = Json.MAPPER.valueToTree(steps).toString();
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO ses_receipts (received_at, message_id, recipient, rule_set, steps) VALUES (?,?,?,?,?)")) {
                s.setLong(1, receivedAt);
                s.setString(2, messageId);
                s.setString(3, recipient);
                s.setString(4, ruleSet);
                s.setString(5, json);
                return s.executeUpdate();
            }
        });
    }

    /** The newest {@code limit} receipts, newest first; only those to {@code recipient} unless it is null. */
    Receipts recent(String recipient, int limit) {
        return new Receipts(db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, received_at, message_id, recipient, rule_set, steps FROM ses_receipts"
                    + (recipient == null ? "" : " WHERE recipient=?") + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (recipient != null) {
                    s.setString(i++, recipient);
                }
                s.setInt(i, limit);
                List<Receipt> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Receipt(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)).toString(), r.getString(3), r.getString(4),
                                r.getString(5), Json.MAPPER.readValue(r.getString(6), STEPS)));
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("a stored receipt's steps are always JSON", e);
                }
                return out;
            }
        }));
    }
}
