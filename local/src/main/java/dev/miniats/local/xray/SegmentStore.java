package dev.miniats.local.xray;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.tracing.TraceIds;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Segment documents sent to the runtime (PutTraceSegments, the daemon's UDP port), validated as
 * X-Ray validates them and kept as sent in the {@code xray_segments} table. Thread-safe.
 */
final class SegmentStore {
    /** X-Ray's limit on one segment document (https://docs.aws.amazon.com/general/latest/gr/xray.html). */
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private final Database db;

    SegmentStore(Database db) {
        this.db = db;
    }

    /** A document's place: its ids, or why it was refused ({@code errorCode} non-null). */
    record Checked(String traceId, String id, SegmentDocument document, String raw, String errorCode, String message) {
        boolean ok() {
            return errorCode == null;
        }
    }

    /** Reads and validates one document; never throws for bad input. */
    static Checked check(String raw) {
        if (raw == null || raw.isBlank()) {
            return refused(null, "MissingDocument", "The segment document is empty");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            return refused(null, "DocumentTooLarge", "The segment document is over " + MAX_DOCUMENT_BYTES + " bytes");
        }
        SegmentDocument doc;
        try {
            doc = Json.MAPPER.readValue(raw, SegmentDocument.class);
        } catch (JsonProcessingException e) {
            return refused(null, "InvalidDocument", "The segment document is not a JSON segment: " + e.getOriginalMessage());
        }
        if (doc == null) {
            return refused(null, "InvalidDocument", "The segment document is not a JSON object");
        }
        String id = doc.id();
        if (!TraceIds.isHex(id, 16)) {
            return refused(id, "InvalidId", "id is '" + id + "'; expected 16 lowercase hex digits");
        }
        String otel = TraceIds.otel(doc.traceId());
        if (otel == null) {
            return refused(id, "InvalidTraceId", "trace_id is '" + doc.traceId() + "'; expected 1-<8 hex>-<24 hex>");
        }
        if ("subsegment".equals(doc.type()) && !TraceIds.isHex(doc.parentId(), 16)) {
            return refused(id, "MissingParentId", "A subsegment sent on its own needs parent_id (16 hex digits) and trace_id");
        }
        if (doc.parentId() != null && !TraceIds.isHex(doc.parentId(), 16)) {
            return refused(id, "InvalidParentId", "parent_id is '" + doc.parentId() + "'; expected 16 lowercase hex digits");
        }
        if (doc.name() == null || doc.name().isBlank() || doc.name().length() > 200) {
            return refused(id, "InvalidName", "name is '" + doc.name() + "'; expected 1 to 200 characters");
        }
        if (doc.startTime() == null || doc.startTime() <= 0) {
            return refused(id, "MissingStartTime", "start_time is " + doc.startTime() + "; expected epoch seconds");
        }
        boolean inProgress = Boolean.TRUE.equals(doc.inProgress());
        if (doc.endTime() == null ? !inProgress : doc.endTime() < doc.startTime()) {
            return refused(id, "InvalidEndTime", "end_time is " + doc.endTime()
                    + "; expected epoch seconds not before start_time, or in_progress true");
        }
        return new Checked(otel, id, doc, raw, null, null);
    }

    private static Checked refused(String id, String code, String message) {
        return new Checked(null, id, null, null, code, message);
    }

    void put(List<Checked> documents) {
        if (documents.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO xray_segments (trace_id, id, start_time, document) VALUES (?,?,?,?)")) {
                for (Checked d : documents) {
                    s.setString(1, d.traceId());
                    s.setString(2, d.id());
                    s.setDouble(3, d.document().startTime());
                    s.setString(4, d.raw());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** The documents of one trace (OpenTelemetry id), as sent. */
    List<String> trace(String traceId) {
        return strings("SELECT document FROM xray_segments WHERE trace_id=? ORDER BY start_time, id", s -> s.setString(1, traceId));
    }

    /** Trace ids (OpenTelemetry form) with a document starting in {@code [from, to]} epoch seconds. */
    List<String> traceIdsBetween(double from, double to, int limit) {
        return strings("SELECT trace_id FROM xray_segments WHERE start_time BETWEEN ? AND ? GROUP BY trace_id"
                + " ORDER BY MIN(start_time) DESC LIMIT ?", s -> {
            s.setDouble(1, from);
            s.setDouble(2, to);
            s.setInt(3, limit);
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws java.sql.SQLException;
    }

    /** The first column of every row {@code sql} answers. */
    private List<String> strings(String sql, Binder binder) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                List<String> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
