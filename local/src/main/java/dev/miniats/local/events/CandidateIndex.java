package dev.miniats.local.events;

import dev.miniats.local.sqlite.Database;
import dev.miniats.local.sqlite.StoreException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds one candidate's events without an index written at every append (V340). Events carry
 * their {@code candidate_key}; every {@value #PERIOD_MILLIS} ms this copies the keys of the events
 * appended since into {@code candidate_events}, sorted, in slices of {@value #SLICE} events, and
 * moves {@code candidate_events_mark} to the last event copied. {@link #SEQS} reads both halves in
 * one statement, so a reader sees every committed event whether or not it has been copied yet.
 * An index entry written at each append cost a WAL page per event about a different candidate,
 * inside the commit PutEvents waits for; a slice sorted by candidate writes each page once.
 *
 * <p>Thread-safe: one background thread copies; {@link #catchUp()} may also be called directly.
 */
public final class CandidateIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateIndex.class);
    static final int PERIOD_MILLIS = 200;
    static final int SLICE = 5_000;

    /**
     * The {@code seq} of every event about the candidate bound to both of its two parameters: the
     * copied entries, then the events appended after the mark. Use as {@code seq IN (SEQS)}.
     */
    public static final String SEQS = "SELECT seq FROM candidate_events WHERE candidate_key = ?"
            + " UNION ALL SELECT seq FROM events WHERE seq > (SELECT upto FROM candidate_events_mark) AND candidate_key = ?";

    private final Database db;
    private final ScheduledExecutorService timer;
    private volatile long copiedUpTo = -1; // the mark as this last saw it; -1 before the first look
    private final AtomicLong writes = new AtomicLong();

    public CandidateIndex(Database db) {
        this.db = db;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "candidate-index");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts copying in the background. */
    public CandidateIndex start() {
        timer.scheduleWithFixedDelay(this::catchUpQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A failed run is logged and the next one tries again: an exception out of here would end the schedule. */
    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (StoreException e) {
            LOG.warn("the candidate index could not catch up this time; it tries again in {} ms: {}", PERIOD_MILLIS, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("the candidate index could not catch up this time; it tries again in {} ms", PERIOD_MILLIS, e);
        }
    }

    /**
     * Copies the keys of every event appended before this call, in slices of {@value #SLICE};
     * returns how many events it went past. Events appended meanwhile wait for the next call: a
     * copy that chased them would write a few entries into every commit, as the index did. Looks
     * first on a read connection, so an idle runtime writes nothing.
     */
    public long catchUp() {
        long newest = db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(seq), 0) FROM events")) {
                r.next();
                return r.getLong(1);
            }
        });
        if (newest <= copiedUpTo) {
            return 0;
        }
        long passed = 0;
        for (Slice slice; (slice = copySlice(newest)).to() > slice.from(); ) {
            passed += slice.to() - slice.from();
            if (slice.to() >= newest) {
                break;
            }
        }
        return passed;
    }

    /** How many writes this has made (tests). */
    long writes() {
        return writes.get();
    }

    /** The events one write went past: seq in (from, to]. */
    private record Slice(long from, long to) {
    }

    /** One write: the next {@value #SLICE} events past the mark at most, none past {@code upTo}. */
    private Slice copySlice(long upTo) {
        writes.incrementAndGet();
        Slice slice = db.write(c -> {
            long from;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT upto FROM candidate_events_mark")) {
                r.next();
                from = r.getLong(1);
            }
            long to = Math.max(from, Math.min(upTo, from + SLICE));
            if (to == from) {
                return new Slice(from, to);
            }
            try (PreparedStatement copy = c.prepareStatement("INSERT INTO candidate_events (candidate_key, seq)"
                    + " SELECT candidate_key, seq FROM events WHERE seq > ? AND seq <= ? AND candidate_key IS NOT NULL"
                    + " ORDER BY candidate_key, seq");
                 PreparedStatement mark = c.prepareStatement("UPDATE candidate_events_mark SET upto = ?")) {
                copy.setLong(1, from);
                copy.setLong(2, to);
                copy.executeUpdate();
                mark.setLong(1, to);
                mark.executeUpdate();
            }
            return new Slice(from, to);
        });
        copiedUpTo = slice.to();
        return slice;
    }

    /** Stops copying; a copy under way (a few ms) is let finish, so it neither fails nor logs. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
