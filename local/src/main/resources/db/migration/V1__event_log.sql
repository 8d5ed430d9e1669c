-- The event log: one row per acknowledged PutEvents entry, committed before the EventId is returned.
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    bus          TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    detail_type  TEXT    NOT NULL,
    envelope     TEXT    NOT NULL,  -- the full EventBridge event as JSON, exactly as targets receive it
    trace_header TEXT,
    received_at  INTEGER NOT NULL   -- epoch milliseconds
);
CREATE INDEX events_bus_seq ON events (bus, seq);
CREATE INDEX events_detail_type ON events (detail_type, seq);

-- One row per (event, rule, target), written in the same transaction as the event, so a crash
-- between commit and dispatch loses nothing: pending rows are picked up again at start.
CREATE TABLE deliveries (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id           TEXT    NOT NULL REFERENCES events (id),
    rule               TEXT    NOT NULL,
    target             TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    INTEGER NOT NULL,
    max_attempts       INTEGER NOT NULL,
    expires_at         INTEGER NOT NULL,
    last_error_code    TEXT,
    last_error_message TEXT,
    result             TEXT,
    updated_at         INTEGER NOT NULL,
    UNIQUE (event_id, rule, target)
);
CREATE INDEX deliveries_pending ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_event ON deliveries (event_id);

-- Every message accepted by the local SES APIs, stored raw before the API answers.
CREATE TABLE mails (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    api          TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    destinations TEXT    NOT NULL,  -- JSON array of envelope recipients (Bcc included)
    subject      TEXT,
    raw          BLOB    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('queued', 'delivered', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    created_at   INTEGER NOT NULL,
    delivered_at INTEGER
);
CREATE INDEX mails_status ON mails (status);
