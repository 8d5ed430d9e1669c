-- Archives are views over the event log: an archive holds the events of its bus that match its
-- pattern (or all of them) received from its creation on, until its retention runs out.
CREATE TABLE archives (
    name           TEXT    PRIMARY KEY,
    bus            TEXT    NOT NULL,
    description    TEXT,
    event_pattern  TEXT,
    retention_days INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL
);

CREATE TABLE replays (
    name            TEXT    PRIMARY KEY,
    archive         TEXT    NOT NULL,
    destination_bus TEXT    NOT NULL,
    filter_rules    TEXT,            -- JSON array of rule names, NULL for every rule
    event_start     INTEGER NOT NULL,
    event_end       INTEGER NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('STARTING', 'RUNNING', 'COMPLETED', 'FAILED')),
    state_reason    TEXT,
    last_replayed   INTEGER,
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER
);

-- Spans of the local runtime's own tracing (OpenTelemetry), for the console's waterfalls.
-- trace_id is the X-Ray root's 8+24 hex digits, so a trace id matches the X-Ray trace header.
CREATE TABLE spans (
    trace_id   TEXT    NOT NULL,
    span_id    TEXT    NOT NULL,
    parent_id  TEXT,
    name       TEXT    NOT NULL,
    start_nano INTEGER NOT NULL,
    end_nano   INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    attributes TEXT    NOT NULL,
    PRIMARY KEY (trace_id, span_id)
);
