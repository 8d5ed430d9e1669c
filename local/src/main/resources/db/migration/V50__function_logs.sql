-- Every function invocation (through the bus or the Lambda Invoke API), with the lines its
-- handler logged, so the console and /_ats/logs show them as CloudWatch Logs does.
-- Retention keeps the newest invocations per function (InvocationStore), so the table stays bounded.
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

-- Newest first per function (the page's function filter, and retention).
CREATE INDEX function_invocations_function ON function_invocations (function, seq);
-- "Errors only", newest first.
CREATE INDEX function_invocations_errors ON function_invocations (seq) WHERE status = 'error';
-- Links from a trace, a candidate and an event to their invocations.
CREATE INDEX function_invocations_trace ON function_invocations (trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX function_invocations_candidate ON function_invocations (candidate_id) WHERE candidate_id IS NOT NULL;
CREATE INDEX function_invocations_event ON function_invocations (event_id) WHERE event_id IS NOT NULL;
