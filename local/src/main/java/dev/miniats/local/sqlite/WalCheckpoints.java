package dev.miniats.local.sqlite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one database's WAL short without making its writer wait long.
 *
 * <p>A background thread runs a PASSIVE checkpoint every {@value #INTERVAL_MILLIS} ms: it copies
 * committed WAL pages into the database file and fsyncs, and never waits for the writer or
 * readers. But the WAL only starts over from its first frame when a write begins after a
 * checkpoint has copied <em>every</em> frame, and under a steady stream of commits one always
 * lands while the checkpoint syncs. Left alone the WAL grew by 37 MB/s at 1,000 single-entry
 * PutEvents/s, and the TRUNCATE checkpoint that emptied it at 256 MB held the writer for 86–107 ms
 * every 7 s: a stall in every percentile above p98.
 *
 * <p>So when the WAL holds more than {@code restartBytes} of frames, the background thread asks
 * the committer to checkpoint once itself, between two transactions ({@link #restartIfWanted}).
 * With the only writer inside the checkpoint no frame can land meanwhile, so it copies everything;
 * it comes right after a background run, so there is little left to copy and sync; and the next
 * commit starts the WAL over in the same file, whose pages are reused (no truncation, no new blocks).
 * Measured at 1,000 single-entry PutEvents/s: the committer's checkpoint took 1.4–2.0 ms, about once
 * a second, and the WAL file stayed at 42 MB.
 * TRUNCATE stays as a last resort past {@value #LIMIT_BYTES} bytes of file (a reader holding an
 * old snapshot can keep the WAL from starting over).
 * (https://www.sqlite.org/wal.html#avoiding_excessively_large_wal_files)
 *
 * <p>Thread-safe.
 */
final class WalCheckpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    static final long INTERVAL_MILLIS = 250;
    /** Past this size of file the background thread empties the WAL with TRUNCATE, holding the writer meanwhile. */
    static final long LIMIT_BYTES = 256L * 1024 * 1024;
    /** The database's {@code journal_size_limit}: a WAL file a burst grew past this is cut back when the WAL starts over. */
    static final long JOURNAL_LIMIT_BYTES = 64L * 1024 * 1024;
    /**
     * Past this many bytes of frames the committer checkpoints once itself so the WAL starts over;
     * half of {@link #JOURNAL_LIMIT_BYTES}, so the file a restart reuses is not also cut back (a
     * truncation in the committer) while frames pile up between two background runs.
     */
    static final long RESTART_BYTES = JOURNAL_LIMIT_BYTES / 2;

    private final Path wal;
    private final Connection checkpointer;
    private final long restartBytes;
    private final long pageSize;
    private final ScheduledExecutorService scheduler;
    private volatile boolean restartWanted;

    WalCheckpoints(Path databaseFile, Connection checkpointer, String threadName, long restartBytes) throws SQLException {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.checkpointer = checkpointer;
        this.restartBytes = restartBytes;
        try (Statement s = checkpointer.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_size")) {
            r.next();
            this.pageSize = r.getLong(1);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        scheduler.scheduleWithFixedDelay(() -> checkpoint(LIMIT_BYTES), INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * One background run: a PASSIVE checkpoint; past {@code restartBytes} of frames a request to
     * the committer ({@link #restartIfWanted}); past {@code limitBytes} of file a TRUNCATE
     * checkpoint, which waits (up to the busy timeout) for the writer and readers, copies
     * everything and empties the file.
     */
    void checkpoint(long limitBytes) {
        long frames = checkpoint(checkpointer, "PASSIVE");
        if (frames * pageSize > restartBytes) {
            restartWanted = true;
        }
        if (walBytes() > limitBytes) {
            checkpoint(checkpointer, "TRUNCATE");
        }
    }

    /**
     * Called by the committer between two transactions, on its own connection: checkpoints once
     * when the background thread asked for it, so the next commit starts the WAL over.
     */
    void restartIfWanted(Connection writer) {
        if (restartWanted) {
            restartWanted = false;
            checkpoint(writer, "PASSIVE");
        }
    }

    /** The WAL file's size in bytes; 0 when there is none. */
    long walBytes() {
        try {
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Runs a checkpoint in {@code mode}; returns the frames in the WAL it saw (0 when it failed). */
    private static long checkpoint(Connection connection, String mode) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return r.next() ? r.getLong(2) : 0; // busy, frames in the WAL, frames checkpointed
        } catch (SQLException e) {
            LOG.warn("WAL checkpoint ({}) failed; the WAL keeps growing until one succeeds: {}", mode, e.getMessage());
            return 0;
        }
    }

    /** Stops the background thread and empties the WAL (the writer must be done by now). */
    @Override
    public void close() throws SQLException {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint(checkpointer, "TRUNCATE");
        checkpointer.close();
    }
}
