-- IAM roles, their inline and attached policies, customer managed policies, and the temporary
-- credentials STS issued. IAM names are unique regardless of case
-- (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names),
-- hence COLLATE NOCASE; the name is stored as the caller spelled it.
CREATE TABLE iam_roles (
    name                 TEXT    PRIMARY KEY COLLATE NOCASE,
    path                 TEXT    NOT NULL,
    role_id              TEXT    NOT NULL UNIQUE,   -- AROA + 17 characters, as IAM shapes unique ids
    arn                  TEXT    NOT NULL UNIQUE,
    trust_policy         TEXT    NOT NULL,          -- the AssumeRolePolicyDocument exactly as sent
    description          TEXT,
    max_session_duration INTEGER NOT NULL,
    created_at           INTEGER NOT NULL
);

CREATE TABLE iam_role_policies (
    role_name   TEXT NOT NULL COLLATE NOCASE REFERENCES iam_roles (name) ON DELETE CASCADE,
    policy_name TEXT NOT NULL COLLATE NOCASE,
    document    TEXT NOT NULL,
    PRIMARY KEY (role_name, policy_name)
);

-- Customer managed policies (AWS managed ones are data files in the jar). One version each.
CREATE TABLE iam_policies (
    arn         TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    path        TEXT    NOT NULL,
    policy_id   TEXT    NOT NULL UNIQUE,            -- ANPA + 17 characters
    description TEXT,
    document    TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- A role's attached managed policies: AWS managed (arn:aws:iam::aws:policy/...) or customer managed.
CREATE TABLE iam_role_attachments (
    role_name  TEXT NOT NULL COLLATE NOCASE REFERENCES iam_roles (name) ON DELETE CASCADE,
    policy_arn TEXT NOT NULL,
    PRIMARY KEY (role_name, policy_arn)
);
CREATE INDEX iam_role_attachments_by_policy ON iam_role_attachments (policy_arn);

-- Temporary credentials from AssumeRole (and for functions' execution roles): a request signed
-- with access_key_id is that role session until expires_at.
CREATE TABLE iam_sessions (
    access_key_id TEXT    PRIMARY KEY,
    secret_key    TEXT    NOT NULL,
    session_token TEXT    NOT NULL,
    role_arn      TEXT    NOT NULL,
    role_id       TEXT    NOT NULL,
    session_name  TEXT    NOT NULL,
    expires_at    INTEGER NOT NULL
);

-- What a permission check refused (enforce) or would have refused (record), newest last.
CREATE TABLE iam_refusals (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    principal  TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    resource   TEXT    NOT NULL,
    enforced   INTEGER NOT NULL,
    reason     TEXT    NOT NULL
);
