package dev.miniats.local.sqlite;

import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.pipeline.PipelineStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** SqlitePipelineStore on a fresh SQLite file, held to the port's contract. */
class SqlitePipelineStoreTest extends PipelineStoreContract {
    @TempDir
    Path dir;
    private Database db;

    @Override
    protected PipelineStore newStore() {
        db = Database.open(dir, false);
        return new SqlitePipelineStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
