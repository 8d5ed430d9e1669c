package dev.miniats.local.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;

/** A migrations directory of two scripts for the schema tests: the bookkeeping tables, then one of candidates. */
final class SchemaFixtures {
    private SchemaFixtures() {
    }

    static Path migrations(Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__bookkeeping.sql"),
                "CREATE TABLE schema_stamp (location TEXT PRIMARY KEY, stamp TEXT NOT NULL);\n"
                        + "CREATE TABLE schema_baseline (location TEXT PRIMARY KEY, version TEXT NOT NULL, checksum TEXT NOT NULL);\n");
        Files.writeString(migrations.resolve("V2__candidates.sql"), "CREATE TABLE candidates (id TEXT PRIMARY KEY);\n");
        return migrations;
    }
}
