package dev.miniats.local.store;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime's one SQLite file, in WAL mode. SQLite allows one writer at a time, so writes go
 * through a single connection under a lock; reads use a small pool and never wait for writers.
 *
 * <p>{@code synchronous=NORMAL} in WAL mode makes a commit durable against the process being
 * killed at any moment (the WAL is in the OS page cache once commit returns); only a power loss
 * or kernel crash can drop the last transactions (https://www.sqlite.org/wal.html#durability).
 * {@code --fsync} selects {@code FULL} for that too.
 *
 * <p>Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final int READERS = 4;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);

    private Database(Path file, boolean fsyncEachCommit) throws SQLException {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(fsyncEachCommit ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
        this.writer = source.getConnection();
        this.writer.setAutoCommit(false);
        SQLiteConfig readOnly = new SQLiteConfig(config.toProperties());
        readOnly.setReadOnly(true);
        SQLiteDataSource readerSource = new SQLiteDataSource(readOnly);
        readerSource.setUrl("jdbc:sqlite:" + file);
        for (int i = 0; i < READERS; i++) {
            readers.add(readerSource.getConnection());
        }
    }

    /** Opens (creating and migrating if needed) {@code mini-ats.db} in {@code dataDir}. */
    public static Database open(Path dataDir, boolean fsyncEachCommit) {
        try {
            Files.createDirectories(dataDir);
            return new Database(dataDir.resolve("mini-ats.db"), fsyncEachCommit);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("Cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. */
    public <T> T write(SqlFunction<T> work) {
        writeLock.lock();
        try {
            try {
                T result = work.apply(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(e);
                throw e instanceof RuntimeException r ? r : new StoreException("Write failed: " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
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
        writeLock.lock();
        try {
            writer.close();
            for (Connection reader : readers) {
                reader.close();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot close the database: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }
}
