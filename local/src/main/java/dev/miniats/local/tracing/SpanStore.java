package dev.miniats.local.tracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.sqlite.Database;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Stores OpenTelemetry spans in the {@code spans} table of {@code telemetry.db} ({@link Database#openTelemetry}) and reads a trace back, so the console
 * can draw waterfalls without a collector. Used behind a batch span processor, so exporting never
 * sits on the PutEvents path. Thread-safe.
 */
public final class SpanStore implements SpanExporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public SpanStore(Database db) {
        this.db = db;
    }

    /** One stored span; times are epoch nanoseconds. */
    public record StoredSpan(String traceId, String spanId, String parentId, String name, long startNanos, long endNanos,
                             String status, String attributesJson) {
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        // rendered here, on the exporter's thread: the committer thread only binds and inserts
        List<StoredSpan> rows = spans.stream().map(SpanStore::row).toList();
        try {
            db.write(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO spans (trace_id, span_id, parent_id, name,"
                        + " start_nano, end_nano, status, attributes) VALUES (?,?,?,?,?,?,?,?)")) {
                    for (StoredSpan row : rows) {
                        s.setString(1, row.traceId());
                        s.setString(2, row.spanId());
                        s.setString(3, row.parentId());
                        s.setString(4, row.name());
                        s.setLong(5, row.startNanos());
                        s.setLong(6, row.endNanos());
                        s.setString(7, row.status());
                        s.setString(8, row.attributesJson());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            });
            return CompletableResultCode.ofSuccess();
        } catch (RuntimeException e) {
            return CompletableResultCode.ofFailure();
        }
    }

    private static StoredSpan row(SpanData span) {
        ObjectNode attributes = JSON.createObjectNode();
        span.getAttributes().forEach((key, value) -> attributes.putPOJO(key.getKey(), value));
        return new StoredSpan(span.getTraceId(), span.getSpanId(),
                span.getParentSpanContext().isValid() ? span.getParentSpanId() : null, span.getName(),
                span.getStartEpochNanos(), span.getEndEpochNanos(),
                span.getStatus().getStatusCode().name()
                        + (span.getStatus().getDescription().isEmpty() ? "" : ": " + span.getStatus().getDescription()),
                attributes.toString());
    }

    /** The spans of one trace, by start time. */
    public List<StoredSpan> trace(String traceId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT trace_id, span_id, parent_id, name, start_nano, end_nano, status,"
                    + " attributes FROM spans WHERE trace_id=? ORDER BY start_nano, span_id")) {
                s.setString(1, traceId);
                List<StoredSpan> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredSpan(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                                r.getLong(6), r.getString(7), r.getString(8)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The ids of traces with a span starting in {@code [fromNanos, toNanos]}, most recent first,
     * at most {@code limit}. A scan of the table: the X-Ray API's time-range reads are rare next
     * to the writes, so no time index slows every PutEvents.
     */
    public List<String> traceIdsBetween(long fromNanos, long toNanos, int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT trace_id, MIN(start_nano) AS first FROM spans"
                    + " WHERE start_nano BETWEEN ? AND ? GROUP BY trace_id ORDER BY first DESC LIMIT ?")) {
                s.setLong(1, fromNanos);
                s.setLong(2, toNanos);
                s.setInt(3, limit);
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

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
