-- State of the hiring functions when they run locally (DynamoDB tables on AWS).

-- Idempotency records (Powertools semantics; see core's IdempotencyStore). Times in epoch seconds.
CREATE TABLE idempotency (
    key           TEXT PRIMARY KEY,
    status        TEXT    NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
    payload_hash  TEXT    NOT NULL,
    result        TEXT,
    expires_at    INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL
);
CREATE INDEX idempotency_expires ON idempotency (expires_at);

-- Each interview's revision count, for its invites' SEQUENCE.
CREATE TABLE interview_sequences (
    candidate_id TEXT    NOT NULL,
    interview_id TEXT    NOT NULL,
    sequence     INTEGER NOT NULL,
    PRIMARY KEY (candidate_id, interview_id)
);

-- The pipeline projection: each candidate's stage history, one row per (candidate, event).
CREATE TABLE pipeline_history (
    candidate_id   TEXT    NOT NULL,
    event_id       TEXT    NOT NULL,
    stage          TEXT    NOT NULL,
    at_millis      INTEGER NOT NULL,
    company_name   TEXT    NOT NULL,
    candidate_name TEXT    NOT NULL,
    PRIMARY KEY (candidate_id, event_id)
);
CREATE INDEX pipeline_history_time ON pipeline_history (candidate_id, at_millis, event_id);
CREATE INDEX pipeline_history_stage ON pipeline_history (stage, at_millis);

-- Partner rosters: a candidate is on a company's testing day once.
CREATE TABLE roster (
    company_key    TEXT    NOT NULL,  -- lower-cased company name: partners compare ignoring case
    company_name   TEXT    NOT NULL,
    testing_day    TEXT    NOT NULL,  -- ISO date
    candidate_id   TEXT    NOT NULL,
    candidate_name TEXT    NOT NULL,
    event_id       TEXT    NOT NULL,
    recorded_at    INTEGER NOT NULL,
    PRIMARY KEY (company_key, testing_day, candidate_id)
);
