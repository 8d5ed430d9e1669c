package dev.miniats.bench;

import dev.miniats.local.sqlite.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The storage ceiling the issue compares the bus with: the same {@code events} and
 * {@code deliveries} rows a 10-entry PutEvents writes, batch-inserted through the same JDBC driver
 * (sqlite-jdbc, WAL, synchronous=NORMAL) by one thread with no HTTP, 10 events per transaction
 * ({@code -Dbatch=N} for N).
 * {@code bare}: time-ordered keys and no secondary indexes (the ceiling). {@code schema}: the
 * runtime's migrated schema, statement for statement as {@code EventLog.append}, with the candidate
 * index's bulk copy every {@value #COPY_EVERY} events as {@code CandidateIndex} makes it (V340), plus
 * what each later write costs. Prints events/s and µs of CPU per event. Not thread-safe; a main program.
 *
 * <p>Run: {@code java -cp local/target/mini-ats-local.jar:bench/target/classes dev.miniats.bench.SqliteCeiling [seconds]}
 */
public final class SqliteCeiling {
    /** Events per transaction: 10 as a 10-entry PutEvents; {@code -Dbatch=1} shows what one commit costs. */
    private static final int BATCH = Integer.getInteger("batch", 10);
    /** Events between two bulk copies into candidate_events: CandidateIndex copies at most this many at a time, every 200 ms. */
    private static final int COPY_EVERY = 5_000;
    private static final String ENVELOPE_HEAD = "{\"version\":\"0\",\"id\":\"";
    private static final String ENVELOPE_MID = "\",\"detail-type\":\"bench\",\"source\":\"bench\",\"account\":\"000000000000\","
            + "\"time\":\"2026-12-03T12:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"candidateId\":\"c-";

    private SqliteCeiling() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        run(bare(), seconds, false); // warm-up: the JIT compiles the loop and the driver
        System.out.printf("bare events + deliveries rows (ceiling): %s%n", run(bare(), seconds, false));
        Path dir = Files.createTempDirectory("ats-ceiling");
        Database.open(dir, false).close(); // the runtime's own migrations
        System.out.printf("runtime schema, events + deliveries as EventLog.append: %s%n", run(open(dir.resolve("mini-ats.db")), seconds, false));
        for (String index : System.getProperty("drop", "").split(",")) {
            if (index.isBlank()) {
                continue;
            }
            Path d = Files.createTempDirectory("ats-ceiling");
            Database.open(d, false).close();
            Connection c = open(d.resolve("mini-ats.db"));
            try (Statement s = c.createStatement()) {
                for (String i : index.split("\\+")) {
                    s.execute("DROP INDEX " + i);
                }
            }
            c.commit();
            System.out.printf("runtime schema without %s: %s%n", index, run(c, seconds, false));
        }
        Path dir2 = Files.createTempDirectory("ats-ceiling");
        Database.open(dir2, false).close();
        System.out.printf("runtime schema, + the delivered update per delivery: %s%n", run(open(dir2.resolve("mini-ats.db")), seconds, true));
    }

    private static Connection bare() throws Exception {
        Connection c = open(Files.createTempDirectory("ats-ceiling").resolve("bare.db"));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, bus TEXT NOT NULL, source TEXT NOT NULL,"
                    + " detail_type TEXT NOT NULL, envelope TEXT NOT NULL, trace_header TEXT, received_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE deliveries (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, rule TEXT NOT NULL, target TEXT NOT NULL,"
                    + " status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,"
                    + " max_attempts INTEGER NOT NULL, expires_at INTEGER NOT NULL, last_error_code TEXT, last_error_message TEXT,"
                    + " result TEXT, updated_at INTEGER NOT NULL, function TEXT, input TEXT, dead_letter_arn TEXT)");
        }
        c.commit();
        return c;
    }

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA wal_autocheckpoint=0");
        }
        c.setAutoCommit(false);
        return c;
    }

    private static String run(Connection c, double seconds, boolean markDelivered) throws SQLException {
        boolean runtimeSchema = hasCandidateKey(c);
        boolean copied = hasTable(c, "candidate_events");
        try (c;
             PreparedStatement copy = c.prepareStatement(copied
                     ? "INSERT INTO candidate_events (candidate_key, seq) SELECT candidate_key, seq FROM events"
                             + " WHERE seq > (SELECT upto FROM candidate_events_mark) AND candidate_key IS NOT NULL ORDER BY candidate_key, seq"
                     : "SELECT 1");
             PreparedStatement mark = c.prepareStatement(copied
                     ? "UPDATE candidate_events_mark SET upto = (SELECT max(seq) FROM events)" : "SELECT 1");
             PreparedStatement event = c.prepareStatement(runtimeSchema
                     // as EventLog.append since V260: the bus writes the candidate key it derived from the parsed detail
                     ? "INSERT INTO events (id, bus, source, detail_type, envelope, trace_header, received_at, candidate_key) VALUES (?,?,?,?,?,?,?,?)"
                     : "INSERT INTO events (id, bus, source, detail_type, envelope, trace_header, received_at) VALUES (?,?,?,?,?,?,?)");
             PreparedStatement delivery = c.prepareStatement(
                     "INSERT INTO deliveries (event_id, rule, target, status, attempts, next_attempt_at, max_attempts, expires_at,"
                             + " updated_at, function, input, dead_letter_arn) VALUES (?,?,?,'pending',0,?,?,?,?,?,?,?)");
             PreparedStatement delivered = c.prepareStatement("UPDATE deliveries SET status='delivered', attempts=?, result=?,"
                     + " last_error_code=NULL, last_error_message=NULL, updated_at=? WHERE id=?")) {
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (seconds * 1e9);
            long n = 0;
            long deliveryId = 0;
            while (System.nanoTime() < deadline) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < BATCH; i++, n++) {
                    String id = Long.toHexString(now) + "-" + Long.toHexString(n);
                    event.setString(1, id);
                    event.setString(2, "default");
                    event.setString(3, "bench");
                    event.setString(4, "bench");
                    event.setString(5, ENVELOPE_HEAD + id + ENVELOPE_MID + i + "\",\"n\":" + n + "}}");
                    event.setString(6, "Root=1-00000000-" + Long.toHexString(n) + "abcdef0123456789");
                    event.setLong(7, now);
                    if (runtimeSchema) {
                        event.setString(8, "c-" + i);
                    }
                    event.executeUpdate();
                    delivery.setString(1, id);
                    delivery.setString(2, "bench");
                    delivery.setString(3, "t");
                    delivery.setLong(4, now);
                    delivery.setInt(5, 186);
                    delivery.setLong(6, now + 86_400_000);
                    delivery.setLong(7, now);
                    delivery.setString(8, "ats-noop");
                    delivery.setString(9, null);
                    delivery.setString(10, null);
                    delivery.executeUpdate();
                }
                c.commit();
                if (copied && n % COPY_EVERY < BATCH) {
                    copy.executeUpdate();
                    mark.executeUpdate();
                    c.commit();
                }
                if (markDelivered) {
                    for (int i = 0; i < BATCH; i++) {
                        delivered.setInt(1, 1);
                        delivered.setString(2, "{}");
                        delivered.setLong(3, now);
                        delivered.setLong(4, ++deliveryId);
                        delivered.executeUpdate();
                    }
                    c.commit();
                }
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpuMicros = (cpu() - cpu0) / 1e3 / n;
            return String.format("%,.0f events/s, %.1f µs of CPU per event (%,d events)", n / elapsed, cpuMicros, n);
        }
    }

    private static boolean hasCandidateKey(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM pragma_table_info('events') WHERE name = 'candidate_key'")) {
            return r.next() && r.getInt(1) > 0;
        }
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            s.setString(1, table);
            try (java.sql.ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        }
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
