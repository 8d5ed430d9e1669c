-- Segment documents received by the X-Ray API (PutTraceSegments) and the daemon's UDP port,
-- as sent; the runtime's own spans stay in `spans` and are converted when read. A segment sent
-- again with the same id (in_progress, then complete) replaces the earlier one, as in X-Ray.
CREATE TABLE xray_segments (
    trace_id   TEXT    NOT NULL, -- OpenTelemetry form: 32 hex digits
    id         TEXT    NOT NULL,
    start_time REAL    NOT NULL, -- epoch seconds, as in the document
    document   TEXT    NOT NULL,
    PRIMARY KEY (trace_id, id)
) WITHOUT ROWID;
CREATE INDEX xray_segments_by_start ON xray_segments (start_time);
