-- telemetry.db: the runtime's spans and function invocation records, in a file of their own so
-- they have their own writer (see Database.openTelemetry). Same tables as they had in mini-ats.db
-- (V30..V61 there); LegacyTelemetry moves rows recorded before this file existed.

-- Spans are only ever read by trace (the waterfall); keyed WITHOUT ROWID, an insert touches one B-tree.
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
) WITHOUT ROWID;

-- Every function invocation (through the bus or the Lambda Invoke API), with the lines its
-- handler logged. Retention keeps the newest invocations per function (InvocationStore).
CREATE TABLE function_invocations (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id    TEXT    NOT NULL UNIQUE,
    function      TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,                 -- epoch milliseconds
    duration_ms   REAL    NOT NULL,
    billed_ms     INTEGER NOT NULL,                 -- rounded up to 1 ms, as Lambda bills
    memory_mb     INTEGER NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('ok', 'error')),
    error_type    TEXT,
    error_message TEXT,
    trace_id      TEXT,                             -- OpenTelemetry form (32 hex) of the X-Ray root
    candidate_id  TEXT,                             -- from the handler's structured lines
    event_id      TEXT,
    lines         TEXT    NOT NULL,                 -- JSON array of {"time": epoch ms, "message": text}
    truncated     INTEGER NOT NULL DEFAULT 0        -- 1 when lines past the per-invocation cap were dropped
);
CREATE INDEX function_invocations_function ON function_invocations (function, seq);
CREATE INDEX function_invocations_errors ON function_invocations (seq) WHERE status = 'error';
CREATE INDEX function_invocations_trace ON function_invocations (trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX function_invocations_candidate ON function_invocations (candidate_id) WHERE candidate_id IS NOT NULL;
CREATE INDEX function_invocations_event ON function_invocations (event_id) WHERE event_id IS NOT NULL;
