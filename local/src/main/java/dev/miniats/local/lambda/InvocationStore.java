package dev.miniats.local.lambda;

import dev.miniats.local.tracing.TraceIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.miniats.local.sqlite.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Function invocations and their log lines in the {@code function_invocations} table of
 * {@code telemetry.db} ({@link Database#openTelemetry}), for the
 * console's logs page and {@code /_ats/logs}. {@link #accept} only queues: one background thread
 * writes what has queued in one {@link Database#write}, so an invocation never waits for a commit,
 * and a full queue or a failed write drops records (warned once) rather than failing invocations.
 * Keeps the newest {@code keepPerFunction} invocations of each function, trimmed once a tenth of
 * that has been added (finding the oldest one to keep walks {@code keepPerFunction} index entries,
 * which trimming after every write did for each batch); under load records gather for
 * {@link #LINGER_MILLIS} and only what a function keeps of them is written. Thread-safe.
 */
public final class InvocationStore implements Consumer<Invocation>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int DEFAULT_KEEP_PER_FUNCTION = 1_000;
    private static final int QUEUE = 40_000;
    private static final int BATCH = 20_000;
    /**
     * After a busy write (at least {@link #BUSY} records) the writer lets records gather this long
     * before the next one: one commit for a fifth of a second's records instead of one for every few
     * (single-entry PutEvents at ~3,000/s cost the telemetry committer more per event than batches
     * did). And a function keeps only its newest {@code keepPerFunction} records, so of a gathered
     * batch only those are written: the trim in the same write would delete the rest (at 20,000
     * deliveries/s to one function, 1,000 of each ~4,000 are written). Records show in the console
     * up to this much later under load; at the pace of a person, at once.
     */
    static final long LINGER_MILLIS = 200;
    private static final int BUSY = 32;
    private static final String COLUMNS = "seq, request_id, function, started_at, duration_ms, memory_mb, error_type,"
            + " error_message, trace_id, candidate_id, event_id, lines, truncated, version, init_ms, max_memory_mb";

    private final Database db;
    private final int keepPerFunction;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(QUEUE);
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Thread writer;
    /** Invocations stored per function since it was last trimmed; the writer thread's alone. */
    private final Map<String, Integer> untrimmed = new HashMap<>();
    private final int trimEvery;
    private volatile boolean open = true;

    public InvocationStore(Database db, int keepPerFunction) {
        if (keepPerFunction < 1) {
            throw new IllegalArgumentException("keepPerFunction is " + keepPerFunction + "; expected at least 1");
        }
        this.db = db;
        this.keepPerFunction = keepPerFunction;
        this.trimEvery = Math.max(1, keepPerFunction / 10);
        this.writer = new Thread(this::writeLoop, "invocation-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Filters for {@link #find}; null or blank means any. {@code text} is a candidate, event, trace or request id. */
    public record Filter(String function, String requestId, boolean errorsOnly, String text, long beforeSeq, int limit) {
    }

    /** Queues {@code invocation} to be stored; never blocks nor throws. */
    @Override
    public void accept(Invocation invocation) {
        if (!open || !queue.offer(invocation)) {
            warnOnce("the invocation log is not keeping up; dropped the record of " + invocation.requestId());
        }
    }

    /** Waits until everything queued before this call is stored (tests and shutdown). */
    public void flush() {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        try {
            if (open && queue.offer(marker, 5, TimeUnit.SECONDS)) {
                marker.get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("invocation log flush did not finish: {}", e.toString());
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                List<Invocation> invocations = new ArrayList<>();
                for (Object o : batch) {
                    if (o instanceof Invocation i) {
                        invocations.add(i);
                    }
                }
                store(invocations);
                if (invocations.size() >= BUSY && open) {
                    Thread.sleep(LINGER_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                for (Object o : batch) {
                    if (o instanceof CompletableFuture<?> marker) {
                        marker.complete(null);
                    }
                }
                batch.clear();
            }
        }
    }

    private void store(List<Invocation> gathered) {
        if (gathered.isEmpty()) {
            return;
        }
        List<Invocation> invocations = newestPerFunction(gathered, keepPerFunction);
        // the JSON work happens here, not on the database's single committer thread
        List<Row> rows = invocations.stream().map(Row::of).toList();
        Set<String> due = new LinkedHashSet<>();
        for (Invocation i : invocations) {
            if (untrimmed.merge(i.function(), 1, Integer::sum) >= trimEvery) {
                due.add(i.function());
            }
        }
        try {
            db.write(c -> {
                insert(c, rows);
                for (String function : due) {
                    trim(c, function);
                }
                return null;
            });
            due.forEach(untrimmed::remove);
        } catch (RuntimeException e) {
            warnOnce("cannot store " + invocations.size() + " invocation record(s): " + e.getMessage());
        }
    }

    /**
     * The newest {@code keep} invocations of each function in {@code batch} (in queue order, which is
     * the order they finished), in that order: writing the older ones would only have the same
     * write's trim delete them.
     */
    static List<Invocation> newestPerFunction(List<Invocation> batch, int keep) {
        Map<String, Integer> left = new HashMap<>();
        batch.forEach(i -> left.merge(i.function(), 1, Integer::sum));
        if (left.values().stream().allMatch(n -> n <= keep)) {
            return batch;
        }
        List<Invocation> kept = new ArrayList<>();
        for (Invocation i : batch) {
            if (left.merge(i.function(), -1, Integer::sum) < keep) { // fewer than keep come after it
                kept.add(i);
            }
        }
        return kept;
    }

    /** An invocation with what its row derives from the log lines ({@code lines} as a JSON array). */
    private record Row(Invocation invocation, String candidateId, String eventId, String lines) {
        static Row of(Invocation i) {
            String[] ids = idsFromLines(i.lines());
            return new Row(i, i.candidateId() != null ? i.candidateId() : ids[0], i.eventId() != null ? i.eventId() : ids[1],
                    InvocationStore.linesJson(i.lines()));
        }
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO function_invocations (request_id, function, started_at,"
                + " duration_ms, billed_ms, memory_mb, status, error_type, error_message, trace_id, candidate_id, event_id, lines,"
                + " truncated, version, init_ms, max_memory_mb) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (Row row : rows) {
                Invocation i = row.invocation();
                s.setString(1, i.requestId());
                s.setString(2, i.function());
                s.setLong(3, i.startedAtMillis());
                s.setDouble(4, i.durationMs());
                s.setLong(5, i.billedDurationMs());
                s.setInt(6, i.memoryMb());
                s.setString(7, i.status());
                s.setString(8, i.errorType());
                s.setString(9, i.errorMessage());
                s.setString(10, i.traceId());
                s.setString(11, row.candidateId());
                s.setString(12, row.eventId());
                s.setString(13, row.lines());
                s.setInt(14, i.truncated() ? 1 : 0);
                s.setString(15, i.version());
                s.setObject(16, i.initDurationMs());
                s.setObject(17, i.maxMemoryUsedMb());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Deletes all but the newest {@code keepPerFunction} invocations of {@code function}. */
    private void trim(Connection c, String function) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM function_invocations WHERE function = ? AND seq <"
                + " (SELECT seq FROM function_invocations WHERE function = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
            s.setString(1, function);
            s.setString(2, function);
            s.setInt(3, keepPerFunction - 1);
            s.executeUpdate();
        }
    }

    /** The candidate and event ids named by the function's structured (JSON) lines, if any. */
    private static String[] idsFromLines(List<Invocation.LogLine> lines) {
        String[] ids = new String[2];
        for (Invocation.LogLine line : lines) {
            if (ids[0] != null && ids[1] != null) {
                break;
            }
            if (!line.message().startsWith("{")) {
                continue;
            }
            try {
                JsonNode json = JSON.readTree(line.message());
                if (ids[0] == null && json.path("candidateId").isTextual()) {
                    ids[0] = json.get("candidateId").asText();
                }
                if (ids[1] == null && json.path("eventId").isTextual()) {
                    ids[1] = json.get("eventId").asText();
                }
            } catch (IOException e) {
                // a line that only looks like JSON is kept as text; it just names no ids
            }
        }
        return ids;
    }

    private static String linesJson(List<Invocation.LogLine> lines) {
        if (lines.isEmpty()) {
            return "[]"; // most bus deliveries log nothing: no generator for them
        }
        ArrayNode out = JSON.createArrayNode();
        lines.forEach(l -> out.addObject().put("time", l.timeMillis()).put("message", l.message()));
        return out.toString();
    }

    /** Stored invocations matching {@code f}, newest first. */
    public List<Invocation> find(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM function_invocations WHERE seq < ?");
        List<Object> args = new ArrayList<>(List.of(f.beforeSeq()));
        if (present(f.function())) {
            sql.append(" AND function = ?");
            args.add(f.function().strip());
        }
        if (present(f.requestId())) {
            sql.append(" AND request_id = ?");
            args.add(f.requestId().strip());
        }
        if (f.errorsOnly()) {
            sql.append(" AND status = 'error'");
        }
        if (present(f.text())) {
            String text = f.text().strip();
            String xray = TraceIds.otel(text);
            String trace = xray != null ? xray : text.toLowerCase(java.util.Locale.ROOT);
            sql.append(" AND (candidate_id = ? OR event_id = ? OR trace_id = ? OR request_id = ?)");
            args.addAll(List.of(text, text, trace, text));
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(f.limit());
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                return invocations(s);
            }
        });
    }

    /**
     * {@code function}'s invocations that started in [{@code fromMillis}, {@code toMillis}], oldest
     * first, after {@code afterSeq}: what CloudWatch Logs reads a log group with.
     */
    public List<Invocation> startedBetween(String function, long fromMillis, long toMillis, long afterSeq, int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM function_invocations"
                    + " WHERE function = ? AND seq > ? AND started_at BETWEEN ? AND ? ORDER BY seq LIMIT ?")) {
                s.setString(1, function);
                s.setLong(2, afterSeq);
                s.setLong(3, fromMillis);
                s.setLong(4, toMillis);
                s.setInt(5, limit);
                return invocations(s);
            }
        });
    }

    /** The names of the functions that have stored invocations, sorted. */
    public List<String> functions() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT function FROM function_invocations ORDER BY function");
                 ResultSet r = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (r.next()) {
                    out.add(r.getString(1));
                }
                return out;
            }
        });
    }

    /** The newest stored invocation's seq, 0 when none: changes whenever an invocation is recorded. */
    public long latestSeq() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM function_invocations");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    public Optional<Invocation> byRequestId(String requestId) {
        return find(new Filter(null, requestId, false, null, Long.MAX_VALUE, 1)).stream().findFirst();
    }

    private static List<Invocation> invocations(PreparedStatement s) throws SQLException {
        List<Invocation> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Invocation(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getDouble(5), r.getInt(6),
                        r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11), lines(r.getString(12)),
                        r.getInt(13) != 0, r.getString(14), (Double) r.getObject(15), r.getObject(16) == null ? null : r.getInt(16)));
            }
        }
        return out;
    }

    private static List<Invocation.LogLine> lines(String json) throws SQLException {
        try {
            List<Invocation.LogLine> out = new ArrayList<>();
            for (JsonNode line : JSON.readTree(json)) {
                out.add(new Invocation.LogLine(line.path("time").asLong(), line.path("message").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new SQLException("function_invocations.lines is not JSON", e);
        }
    }

    private void warnOnce(String message) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("{} (further problems with the invocation log are not reported)", message);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
