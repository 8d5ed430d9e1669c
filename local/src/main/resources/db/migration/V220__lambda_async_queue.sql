-- Lambda's internal queue of asynchronous (InvocationType=Event) invocations: a row is committed before
-- the caller gets 202 and deleted once the event succeeded or was given up, so queued events and their
-- pending retries survive a restart (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html).
CREATE TABLE lambda_async_queue (
    id           TEXT    PRIMARY KEY,                -- the event's id (a UUID)
    function     TEXT    NOT NULL,
    qualifier    TEXT,                               -- version or alias; NULL for $LATEST
    payload      BLOB    NOT NULL,
    trace_header TEXT,
    retries      INTEGER NOT NULL,                   -- retries already used up (Lambda allows 2)
    queued_at    INTEGER NOT NULL,                   -- epoch milliseconds, for the maximum event age
    due_at       INTEGER NOT NULL                    -- epoch milliseconds of the next attempt
) WITHOUT ROWID;
