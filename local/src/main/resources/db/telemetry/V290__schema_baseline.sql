-- How a file built without Flyway was built (FreshSchema): a new, empty file runs every migration in
-- one transaction and records here the newest version it ran and a checksum of the scripts up to it.
-- When a later build brings newer migrations, Flyway baselines the file at that version and applies
-- only the newer ones. A file Flyway built leaves this table empty.
CREATE TABLE schema_baseline (
    location TEXT PRIMARY KEY,  -- the Flyway location, e.g. classpath:db/migration
    version  TEXT NOT NULL,     -- the newest migration it ran, e.g. 290
    checksum TEXT NOT NULL      -- SHA-256 of the names and SQL of the migrations up to that one
);
