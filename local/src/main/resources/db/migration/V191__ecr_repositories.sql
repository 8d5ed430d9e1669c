-- ECR repositories (create-repository and friends, and AWS::ECR::Repository in stacks, which the
-- CDK bootstrap stack declares for container assets). Images are not stored locally.
CREATE TABLE ecr_repositories (
    name                 TEXT    PRIMARY KEY,
    registry_id          TEXT    NOT NULL,
    tag_mutability       TEXT    NOT NULL,          -- MUTABLE or IMMUTABLE
    scan_on_push         INTEGER NOT NULL,          -- 0 or 1
    lifecycle_policy     TEXT,                      -- PutLifecyclePolicy's JSON text
    repository_policy    TEXT,                      -- SetRepositoryPolicy's JSON text
    created_at           INTEGER NOT NULL           -- epoch milliseconds
) WITHOUT ROWID;
