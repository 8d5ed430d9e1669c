package dev.miniats.local.sqlite;

import dev.miniats.core.idempotency.IdempotencyStore;
import dev.miniats.core.idempotency.IdempotencyStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** SqliteIdempotencyStore on a fresh SQLite file, held to the port's contract. */
class SqliteIdempotencyStoreTest extends IdempotencyStoreContract {
    @TempDir
    Path dir;
    private Database db;

    @Override
    protected IdempotencyStore newStore() {
        db = Database.open(dir, false);
        return new SqliteIdempotencyStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
