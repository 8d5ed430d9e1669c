package dev.miniats.local.sqlite;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {
    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir, false);
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long insert(String value) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO t (v) VALUES (?) RETURNING id")) {
                s.setString(1, value);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    private List<String> values() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT v FROM t ORDER BY id")) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void aStatementPreparedAgainStartsWithNoParametersLeftFromItsLastUse() {
        assertThat(insert("a")).isEqualTo(1);
        assertThat(insert("b")).isEqualTo(2);
        // the cached statement was reset by close(): unbound, it inserts NULL (refused), not "b" again
        assertThatThrownBy(() -> db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO t (v) VALUES (?) RETURNING id")) {
                return s.executeQuery().next();
            }
        })).hasMessageContaining("NOT NULL");
        assertThat(values()).containsExactly("a", "b");
    }

    @Test
    void aFailingWriteIsRolledBackAloneWhileTheOthersInItsBatchCommit() throws Exception {
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String value = i == 25 ? "v0" : "v" + i; // the 26th collides with the first
            writes.add(CompletableFuture.supplyAsync(() -> insert(value)));
        }
        int failed = 0;
        for (CompletableFuture<Long> w : writes) {
            try {
                w.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failed++;
            }
        }
        assertThat(failed).isEqualTo(1);
        assertThat(values()).hasSize(49).doesNotHaveDuplicates();
    }

    @Test
    void writeLaterCommitsWithoutTheCallerWaiting() throws Exception {
        CompletableFuture<Integer> later = db.writeLater(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                s.setString(1, "later");
                return s.executeUpdate();
            }
        });
        assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(values()).containsExactly("later");
    }

    @Test
    void theWriterConnectionCannotBeClosedByAWrite() {
        assertThatThrownBy(() -> db.write(c -> {
            c.close();
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to the database");
        assertThat(insert("still open")).isPositive();
    }

    @Test
    void theCheckpointerCopiesTheWalIntoTheDatabaseFileAndCloseEmptiesTheWal() throws Exception {
        Path file = dir.resolve("mini-ats.db");
        long before = Files.size(file);
        String big = "x".repeat(4_000);
        for (int i = 0; i < 500; i++) {
            insert(i + big);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.size(file) < before + 1_000_000 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.size(file)).as("database file after background checkpoints").isGreaterThan(before + 1_000_000);
        db.close();
        Path wal = dir.resolve("mini-ats.db-wal");
        assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL truncated at close").isTrue();
        db = Database.open(dir, false);
        assertThat(values()).hasSize(500);
    }

    @Test
    void a_wal_past_its_limit_is_checkpointed_and_emptied_without_losing_a_row() {
        for (int i = 0; i < 2_000; i++) {
            insert("row " + i + " " + "x".repeat(200));
        }
        long grown = db.walBytes();
        assertThat(grown).as("the WAL holds the writes").isGreaterThan(100_000);

        db.checkpoint(Long.MAX_VALUE);
        assertThat(db.walBytes()).as("under the limit a passive checkpoint leaves the file as it is").isEqualTo(grown);

        db.checkpoint(grown - 1);
        assertThat(db.walBytes()).as("past the limit the WAL starts over").isZero();
        assertThat(values()).hasSize(2_000).startsWith("row 0 " + "x".repeat(200));
        insert("after");
        assertThat(values()).hasSize(2_001).endsWith("after");
    }

    @Test
    void under_a_steady_stream_of_commits_the_wal_starts_over_instead_of_growing() throws Exception {
        db.close();
        db = Database.open(dir, 1_000_000); // ask the committer past ~1 MB of frames
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        // the background checkpoint's work, more often than its timer runs it: a commit lands during nearly every one
        Thread checkpointing = new Thread(() -> {
            while (writing.get()) {
                db.checkpoint(Long.MAX_VALUE);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        checkpointing.start();
        int commits = 16_384; // one transaction each, each at least one 4 KB page: at least 64 MB of WAL frames
        try {
            for (int i = 0; i < commits; i++) {
                insert("row " + i);
            }
        } finally {
            writing.set(false);
            checkpointing.join();
        }

        assertThat(db.walBytes()).as("WAL file after %d commits", commits).isLessThan(16L * 1024 * 1024);
        assertThat(values()).hasSize(commits);
    }
}
