-- Buses, rules and targets created through the EventBridge API survive restarts. Declared routes
-- (core's RoutingDeclaration) are stored here too, marked declared=1, so a start can re-apply
-- them without clobbering a rule the user changed through the API (which sets declared=0).
CREATE TABLE buses (
    name       TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL
);

CREATE TABLE rules (
    bus           TEXT    NOT NULL REFERENCES buses (name),
    name          TEXT    NOT NULL,
    event_pattern TEXT    NOT NULL,
    description   TEXT,
    enabled       INTEGER NOT NULL,
    declared      INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (bus, name)
);

-- One row per target; the columns are EventBridge's Target fields. input_transformer is the
-- InputTransformer object as JSON ({"InputPathsMap":{...},"InputTemplate":"..."}).
CREATE TABLE targets (
    bus                 TEXT    NOT NULL,
    rule                TEXT    NOT NULL,
    id                  TEXT    NOT NULL,
    arn                 TEXT    NOT NULL,
    input               TEXT,
    input_path          TEXT,
    input_transformer   TEXT,
    max_retry_attempts  INTEGER NOT NULL,
    max_event_age       INTEGER NOT NULL,
    dead_letter_arn     TEXT,
    PRIMARY KEY (bus, rule, id),
    FOREIGN KEY (bus, rule) REFERENCES rules (bus, name) ON DELETE CASCADE
);

-- A delivery carries what its target receives (the transformed input, or NULL for the envelope)
-- and which function to invoke, fixed when the event is matched: later target changes do not
-- rewrite events already accepted, as in EventBridge.
ALTER TABLE deliveries ADD COLUMN function TEXT;
ALTER TABLE deliveries ADD COLUMN input TEXT;
ALTER TABLE deliveries ADD COLUMN dead_letter_arn TEXT;
