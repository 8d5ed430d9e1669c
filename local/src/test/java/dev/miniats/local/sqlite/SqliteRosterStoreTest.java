package dev.miniats.local.sqlite;

import dev.miniats.core.roster.RosterStore;
import dev.miniats.core.roster.RosterStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** SqliteRosterStore on a fresh SQLite file, held to the port's contract. */
class SqliteRosterStoreTest extends RosterStoreContract {
    @TempDir
    Path dir;
    private Database db;

    @Override
    protected RosterStore newStore() {
        db = Database.open(dir, false);
        return new SqliteRosterStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
