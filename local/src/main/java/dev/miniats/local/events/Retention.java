package dev.miniats.local.events;

import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.StoreException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the event log and the spans bounded, so a runtime that has taken millions of events uses
 * the disk and the page cache of the newest ones only. Every {@value #PERIOD_SECONDS} s:
 * <ul>
 *   <li>events older than the newest {@code keepEvents} are deleted with their delivered
 *       deliveries, unless a delivery is still pending or dead-lettered (redrive needs the event),
 *       or an archive on their bus still covers them (archives are views over the log, and
 *       EventBridge keeps archived events for the archive's retention, forever when it is 0);</li>
 *   <li>spans past the newest {@code keepSpans} are deleted, oldest first.</li>
 * </ul>
 * Pruning runs in slices of {@value #SLICE} events so no single write holds up PutEvents' commits
 * for long. {@link #agedOutBefore()} tells the console which events may have aged out.
 * Function invocation records have their own bound (InvocationStore, per function).
 *
 * <p>Thread-safe: one background thread prunes; {@link #agedOutBefore()} reads a volatile.
 */
public final class Retention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    public static final int DEFAULT_KEEP_EVENTS = 100_000;
    public static final int DEFAULT_KEEP_SPANS = 200_000;
    static final int PERIOD_SECONDS = 10;
    static final int SLICE = 5_000;
    private static final long DAY_MILLIS = 86_400_000L;
    /** An event is covered when an archive on its bus was created before it and its retention has not run out. */
    private static final String NOT_ARCHIVED = " AND NOT EXISTS (SELECT 1 FROM archives a WHERE a.bus = e.bus"
            + " AND a.created_at <= e.received_at AND (a.retention_days = 0 OR e.received_at >= ? - a.retention_days * " + DAY_MILLIS + "))";

    private final EventLog log;
    private final Database events;
    private final Database telemetry;
    private final int keepEvents;
    private final int keepSpans;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile long agedOutBefore;

    public Retention(EventLog log, Database events, Database telemetry, int keepEvents, int keepSpans, Clock clock) {
        if (keepEvents < 1 || keepSpans < 1) {
            throw new IllegalArgumentException("keep " + keepEvents + " events and " + keepSpans + " spans: expected at least 1 of each");
        }
        this.log = log;
        this.events = events;
        this.telemetry = telemetry;
        this.keepEvents = keepEvents;
        this.keepSpans = keepSpans;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts pruning in the background. */
    public Retention start() {
        timer.scheduleWithFixedDelay(this::pruneQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    public int keepEvents() {
        return keepEvents;
    }

    /** The sequence number below which events may have aged out (0: none has). */
    public long agedOutBefore() {
        return agedOutBefore;
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (StoreException e) {
            LOG.warn("retention could not prune this time; it tries again in {} s: {}", PERIOD_SECONDS, e.getMessage());
        }
    }

    /** One pass: events past the newest {@code keepEvents}, spans past the newest {@code keepSpans}. Returns the events deleted. */
    public long prune() {
        long[] range = events.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM events")) {
                r.next();
                return new long[]{r.getLong(1), r.getLong(2)};
            }
        });
        long cutoff = range[1] - keepEvents;
        long deleted = 0;
        for (long from = Math.max(agedOutBefore, range[0]); from <= cutoff; from += SLICE) {
            long to = Math.min(cutoff, from + SLICE - 1);
            deleted += pruneSlice(to, clock.millis());
            agedOutBefore = to + 1;
            log.agedOut("the runtime keeps the newest " + keepEvents + " events (--retain-events) and has deleted older ones"
                    + " that had no pending or dead-lettered delivery and no archive covering them");
        }
        pruneSpans();
        return deleted;
    }

    private int pruneSlice(long upToSeq, long now) {
        return events.write(c -> {
            try (PreparedStatement deliveries = c.prepareStatement("DELETE FROM deliveries WHERE status = 'delivered' AND event_id IN"
                    + " (SELECT e.id FROM events e WHERE e.seq <= ?" + NOT_ARCHIVED + ")");
                 PreparedStatement old = c.prepareStatement("DELETE FROM events WHERE seq IN (SELECT e.seq FROM events e WHERE e.seq <= ?"
                         + NOT_ARCHIVED + " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id))")) {
                deliveries.setLong(1, upToSeq);
                deliveries.setLong(2, now);
                deliveries.executeUpdate();
                old.setLong(1, upToSeq);
                old.setLong(2, now);
                return old.executeUpdate();
            }
        });
    }

    private void pruneSpans() {
        telemetry.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM spans WHERE start_nano <="
                    + " (SELECT start_nano FROM spans ORDER BY start_nano DESC LIMIT 1 OFFSET ?)")) {
                s.setInt(1, keepSpans);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
