-- EventBridge Scheduler: groups, schedules (definition as the API's JSON, plus when each fires next),
-- occurrences waiting to be delivered (so a fire survives a restart: at least once), and history.
CREATE TABLE scheduler_groups (
    name        TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    tags        TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE scheduler_schedules (
    group_name   TEXT NOT NULL,
    name         TEXT NOT NULL,
    definition   TEXT NOT NULL,
    next_nominal INTEGER,          -- the occurrence's scheduled time (ms); null: fires no more
    next_due     INTEGER,          -- when it really fires (ms), with --time-scale applied
    PRIMARY KEY (group_name, name)
) WITHOUT ROWID;
CREATE INDEX scheduler_schedules_due ON scheduler_schedules (next_due) WHERE next_due IS NOT NULL;

CREATE TABLE scheduler_fires (
    id           INTEGER PRIMARY KEY,
    group_name   TEXT NOT NULL,
    name         TEXT NOT NULL,
    definition   TEXT NOT NULL,    -- the schedule as it was when the occurrence fired
    scheduled_at INTEGER NOT NULL,
    execution_id TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    next_try     INTEGER NOT NULL
);

CREATE TABLE scheduler_history (
    id           INTEGER PRIMARY KEY,
    schedule_arn TEXT NOT NULL,
    scheduled_at INTEGER NOT NULL,
    attempted_at INTEGER NOT NULL,
    attempt      INTEGER NOT NULL,
    outcome      TEXT NOT NULL,    -- delivered, failed, dead-lettered
    error        TEXT
);
CREATE INDEX scheduler_history_arn ON scheduler_history (schedule_arn, id);
