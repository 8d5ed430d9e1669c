package dev.miniats.local.sqlite;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One of the runtime's SQLite files, in WAL mode ({@link #open} the main one, {@link #openTelemetry}
 * the one for spans and invocation records). SQLite allows one writer at a time, so writes go
 * through a single connection owned by one committer thread, which group-commits concurrent
 * writes (one transaction, one WAL sync for many callers); reads use a small pool and never wait
 * for writers.
 *
 * <p>{@code synchronous=NORMAL} in WAL mode makes a commit durable against the process being
 * killed at any moment (the WAL is in the OS page cache once commit returns); only a power loss
 * or kernel crash can drop the last transactions (https://www.sqlite.org/wal.html#durability).
 * {@code --fsync} selects {@code FULL} for that too.
 *
 * <p>The committer keeps its prepared statements compiled ({@link StatementCache}). A background
 * thread copies the WAL into the database file, so a checkpoint's fsync seldom holds up a write;
 * the committer checkpoints itself only when that thread asks, so the WAL starts over
 * ({@link WalCheckpoints}).
 *
 * <p>Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final int READERS = 4;

    private final Path file;
    private final Connection writer;
    private final StatementCache statements;
    private static final int MAX_BATCH = 256;
    private static final Pending<Void> CLOSE = new Pending<>(c -> null);
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread committer;
    private volatile boolean closed;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final WalCheckpoints checkpoints;

    private Database(Path file, String migrations, String committerName, boolean fsyncEachCommit, long walRestartBytes)
            throws SQLException {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(fsyncEachCommit ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        config.setGetGeneratedKeys(false); // inserts that need their key say RETURNING; the default costs a query per statement
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        SchemaStamp.migrate(source, migrations);
        this.writer = source.getConnection();
        try (Statement s = writer.createStatement()) {
            // a commit that crosses the auto-checkpoint threshold would copy and fsync the WAL in the
            // committer thread, stalling every write behind it: the checkpointer does it instead
            s.execute("PRAGMA wal_autocheckpoint=0");
            // once a checkpoint has caught up and the WAL starts over, cut a file a burst grew back
            s.execute("PRAGMA journal_size_limit=" + WalCheckpoints.JOURNAL_LIMIT_BYTES);
        }
        this.writer.setAutoCommit(false);
        this.statements = new StatementCache(writer);
        SQLiteConfig readOnly = new SQLiteConfig(config.toProperties());
        readOnly.setReadOnly(true);
        SQLiteDataSource readerSource = new SQLiteDataSource(readOnly);
        readerSource.setUrl("jdbc:sqlite:" + file);
        for (int i = 0; i < READERS; i++) {
            readers.add(readerSource.getConnection());
        }
        this.checkpoints = new WalCheckpoints(file, source.getConnection(), committerName.replace("committer", "checkpoint"),
                walRestartBytes);
        this.committer = new Thread(this::commitLoop, committerName);
        this.committer.setDaemon(true);
        this.committer.start();
        checkpoints.start();
    }

    /** One background checkpoint run, now; past {@code walLimit} bytes it empties the WAL (see {@link WalCheckpoints}). */
    void checkpoint(long walLimit) {
        checkpoints.checkpoint(walLimit);
    }

    /** The WAL file's size in bytes; 0 when there is none. */
    long walBytes() {
        return checkpoints.walBytes();
    }

    /** Opens (creating and migrating if needed) {@code mini-ats.db} in {@code dataDir}: events, deliveries, mail, state. */
    public static Database open(Path dataDir, boolean fsyncEachCommit) {
        return open(dataDir, MAIN_FILE, MAIN_MIGRATIONS, "sqlite-committer", fsyncEachCommit);
    }

    /**
     * Opens (creating and migrating if needed) {@code telemetry.db} in {@code dataDir}: spans and
     * function invocation records, with their own migrations ({@code db/telemetry}). A file of
     * their own has a writer of its own, so recording them never queues behind, nor holds up,
     * the commits PutEvents waits for.
     */
    public static Database openTelemetry(Path dataDir, boolean fsyncEachCommit) {
        Database telemetry = open(dataDir, TELEMETRY_FILE, TELEMETRY_MIGRATIONS, "telemetry-committer", fsyncEachCommit);
        LegacyTelemetry.moveInto(dataDir.resolve(MAIN_FILE), telemetry.file());
        return telemetry;
    }

    static final String MAIN_FILE = "mini-ats.db";
    static final String TELEMETRY_FILE = "telemetry.db";
    static final String MAIN_MIGRATIONS = "classpath:db/migration";
    static final String TELEMETRY_MIGRATIONS = "classpath:db/telemetry";

    /**
     * For the class-data archive's training run ({@code up --train}): goes once through what the
     * first start after a rebuild does with an existing data dir, in scratch files under {@code
     * scratch} ({@link SchemaStamp#rehearseUpgrades}).
     */
    public static void rehearseUpgrades(Path scratch) {
        try {
            SchemaStamp.rehearseUpgrades(scratch);
        } catch (SQLException | IOException e) {
            throw new StoreException("Cannot rehearse the migrations in " + scratch + ": " + e.getMessage(), e);
        }
    }

    private static Database open(Path dataDir, String fileName, String migrations, String committerName, boolean fsyncEachCommit) {
        return open(dataDir, fileName, migrations, committerName, fsyncEachCommit, WalCheckpoints.RESTART_BYTES);
    }

    private static Database open(Path dataDir, String fileName, String migrations, String committerName, boolean fsyncEachCommit,
                                 long walRestartBytes) {
        try {
            Files.createDirectories(dataDir);
            return new Database(dataDir.resolve(fileName), migrations, committerName, fsyncEachCommit, walRestartBytes);
        } catch (SQLException | IOException e) {
            throw new StoreException("Cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The main database with another threshold for starting the WAL over (tests use a small one). */
    static Database open(Path dataDir, long walRestartBytes) {
        return open(dataDir, MAIN_FILE, MAIN_MIGRATIONS, "sqlite-committer", false, walRestartBytes);
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in a write transaction and returns once it is committed; rolled back (and
     * rethrown) when it throws. Concurrent writes are group-committed: the committer thread runs
     * every waiting write in one transaction, each inside its own savepoint so one failure undoes
     * only its own changes, and answers each caller after the single commit.
     */
    public <T> T write(SqlFunction<T> work) {
        return enqueue(work).await();
    }

    /**
     * Queues {@code work} like {@link #write} without waiting for its commit: for records whose
     * loss in a crash is harmless (a delivery outcome whose absence only means the delivery runs
     * again). The future completes when the write is committed or has failed.
     */
    public <T> CompletableFuture<T> writeLater(SqlFunction<T> work) {
        return enqueue(work).future;
    }

    private <T> Pending<T> enqueue(SqlFunction<T> work) {
        if (Thread.currentThread() == committer) {
            throw new IllegalStateException("A write may not start another write: it would wait for itself");
        }
        if (closed) {
            throw new StoreException("The store is closed", null);
        }
        Pending<T> pending = new Pending<>(work);
        if (!queue.offer(pending)) {
            throw new StoreException("The write queue is full", null);
        }
        return pending;
    }

    private void commitLoop() {
        try {
            commitUntilClosed();
        } finally {
            List<Pending<?>> stranded = new ArrayList<>();
            queue.drainTo(stranded);
            stranded.forEach(p -> p.fail(new StoreException("The store closed before this write ran", null)));
        }
    }

    private void commitUntilClosed() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            try {
                Pending<?> first = queue.take();
                if (first == CLOSE) {
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean closing = batch.remove(CLOSE);
                commitBatch(batch);
                batch.clear();
                checkpoints.restartIfWanted(writer);
                if (closing) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.fail(new StoreException("The store is closing", e)));
                return;
            }
        }
    }

    private void commitBatch(List<Pending<?>> batch) {
        List<Pending<?>> done = new ArrayList<>(batch.size());
        try {
            Connection connection = statements.connection();
            for (Pending<?> p : batch) {
                statements.prepared("SAVEPOINT w").execute();
                try {
                    p.run(connection);
                    statements.prepared("RELEASE w").execute();
                    done.add(p);
                } catch (SQLException | RuntimeException e) {
                    statements.prepared("ROLLBACK TO w").execute();
                    statements.prepared("RELEASE w").execute();
                    p.fail(e instanceof RuntimeException r ? r : new StoreException("Write failed: " + e.getMessage(), e));
                }
            }
            writer.commit();
            done.forEach(Pending::succeed);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            StoreException failure = new StoreException("Commit failed: " + e.getMessage(), e);
            done.forEach(p -> p.fail(failure));
            batch.stream().filter(p -> !p.isDone()).forEach(p -> p.fail(failure));
        }
    }

    /** One caller's write waiting for its commit. */
    private static final class Pending<T> {
        private final SqlFunction<T> work;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;

        Pending(SqlFunction<T> work) {
            this.work = work;
        }

        void run(Connection connection) throws SQLException {
            result = work.apply(connection);
        }

        void succeed() {
            future.complete(result);
        }

        void fail(RuntimeException e) {
            future.completeExceptionally(e);
        }

        boolean isDone() {
            return future.isDone();
        }

        T await() {
            return awaitCommit(future);
        }
    }

    /**
     * Waits for a write's outcome as {@link #write} does: its result once committed, its
     * {@link RuntimeException} as thrown, anything else as a {@link StoreException}.
     */
    public static <T> T awaitCommit(CompletableFuture<T> commit) {
        try {
            return commit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("Write failed: " + e.getCause(), e.getCause());
        }
    }

    /** Runs {@code work} on a read-only connection (a consistent WAL snapshot per statement). */
    public <T> T read(SqlFunction<T> work) {
        Connection connection;
        try {
            connection = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for a read connection", e);
        }
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("Read failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            writer.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.offer(CLOSE);
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            checkpoints.close();
            statements.closeAll();
            writer.close();
            for (Connection reader : readers) {
                reader.close();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot close the database: " + e.getMessage(), e);
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }
}
