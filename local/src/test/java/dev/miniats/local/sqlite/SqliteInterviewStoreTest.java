package dev.miniats.local.sqlite;

import dev.miniats.core.calendar.InterviewStore;
import dev.miniats.core.calendar.InterviewStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** SqliteInterviewStore on a fresh SQLite file, held to the port's contract. */
class SqliteInterviewStoreTest extends InterviewStoreContract {
    @TempDir
    Path dir;
    private Database db;

    @Override
    protected InterviewStore newStore() {
        db = Database.open(dir, false);
        return new SqliteInterviewStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
