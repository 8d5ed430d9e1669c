-- CloudFormation stacks, their events and change sets. A stack is one JSON document (its
-- template, parameters, resources and outputs), rewritten at every step of an operation.
CREATE TABLE cfn_stacks (
    stack_id TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    deleted  INTEGER NOT NULL DEFAULT 0,
    document TEXT NOT NULL
);
CREATE INDEX cfn_stacks_by_name ON cfn_stacks (name, deleted);

CREATE TABLE cfn_events (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    stack_id TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE INDEX cfn_events_by_stack ON cfn_events (stack_id, seq);

CREATE TABLE cfn_change_sets (
    change_set_id TEXT PRIMARY KEY,
    stack_id      TEXT NOT NULL,
    name          TEXT NOT NULL,
    document      TEXT NOT NULL
);
