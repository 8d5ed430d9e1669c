-- User functions created through Lambda's control plane (create-function and friends). Their code
-- (the uploaded zips) lives in files under the data directory (lambda/code/<function>/<sha256>.zip);
-- these tables hold what Lambda's API answers about them.
CREATE TABLE lambda_functions (
    name                 TEXT    PRIMARY KEY,
    reserved_concurrency INTEGER,                   -- put-function-concurrency; NULL when unreserved
    created_at           INTEGER NOT NULL           -- epoch milliseconds
) WITHOUT ROWID;

-- $LATEST and every published version: the FunctionConfiguration as Lambda answers it (JSON).
CREATE TABLE lambda_versions (
    function      TEXT NOT NULL,
    version       TEXT NOT NULL,                    -- '$LATEST', '1', '2', ...
    configuration TEXT NOT NULL,
    PRIMARY KEY (function, version)
) WITHOUT ROWID;

CREATE TABLE lambda_aliases (
    function      TEXT NOT NULL,
    name          TEXT NOT NULL,
    configuration TEXT NOT NULL,                    -- AliasConfiguration (JSON)
    PRIMARY KEY (function, name)
) WITHOUT ROWID;

-- Resource-based policy statements (add-permission), in the order they were added.
CREATE TABLE lambda_policy_statements (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    function  TEXT NOT NULL,
    sid       TEXT NOT NULL,
    statement TEXT NOT NULL,                        -- one policy Statement (JSON)
    UNIQUE (function, sid)
);

-- Init Duration of an invocation that started its execution environment (REPORT's "Init Duration").
ALTER TABLE function_invocations ADD COLUMN init_ms REAL;
-- The version that ran ($LATEST or a number): "START RequestId: … Version: …".
ALTER TABLE function_invocations ADD COLUMN version TEXT;
