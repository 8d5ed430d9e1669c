-- Spans are only ever read by trace (the waterfall), and four are written per event. Keyed
-- by (trace_id, span_id) WITHOUT ROWID, each insert touches one B-tree instead of a table
-- plus its primary-key index.
CREATE TABLE spans_by_trace (
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
INSERT INTO spans_by_trace SELECT trace_id, span_id, parent_id, name, start_nano, end_nano, status, attributes FROM spans;
DROP TABLE spans;
ALTER TABLE spans_by_trace RENAME TO spans;
