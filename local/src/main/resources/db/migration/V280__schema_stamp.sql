-- Which migrations this file was last migrated from (SchemaStamp): a start whose migrations have
-- the same stamp skips Flyway's class-path scan and validation.
CREATE TABLE schema_stamp (
    location TEXT PRIMARY KEY,  -- the Flyway location, e.g. classpath:db/migration
    stamp    TEXT NOT NULL      -- SHA-256 of the migrations' source identity (jar path, size, mtime; or each file's)
);
