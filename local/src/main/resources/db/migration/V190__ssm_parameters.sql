-- SSM Parameter Store (put-parameter and friends, and AWS::SSM::Parameter in stacks). One row per
-- parameter: its latest version, which is what GetParameter answers.
CREATE TABLE ssm_parameters (
    name          TEXT    PRIMARY KEY,              -- as given, with its leading '/' when it has one
    type          TEXT    NOT NULL,                 -- String, StringList or SecureString
    value         TEXT    NOT NULL,
    description   TEXT,
    allowed_pattern TEXT,
    data_type     TEXT    NOT NULL,                 -- text, aws:ec2:image, aws:ssm:integration
    version       INTEGER NOT NULL,                 -- 1 at creation, +1 on every overwrite
    modified_at   INTEGER NOT NULL                  -- epoch milliseconds
) WITHOUT ROWID;
