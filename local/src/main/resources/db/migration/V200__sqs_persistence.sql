-- ElasticMQ's queues and messages, so SQS survives a restart of the runtime. Written by the runtime's
-- queue-event listener in ElasticMQ's own serialization (the columns of its SQL persistence), read
-- back at ElasticMQ's start. Its own SQL persistence is not used: it holds one JDBC pool per JVM.
CREATE TABLE sqs_queues (
    name TEXT PRIMARY KEY,
    data BLOB NOT NULL  -- ElasticMQ's CreateQueueMetadata as JSON
);

CREATE TABLE sqs_messages (
    queue              TEXT    NOT NULL,
    message_id         TEXT    NOT NULL,
    delivery_receipts  BLOB    NOT NULL,
    next_delivery      INTEGER NOT NULL,
    content            BLOB    NOT NULL,
    attributes         BLOB    NOT NULL,  -- message attributes as JSON
    created            INTEGER NOT NULL,
    received           INTEGER,
    receive_count      INTEGER NOT NULL,
    group_id           TEXT,
    deduplication_id   TEXT,
    tracing_id         TEXT,
    sequence_number    TEXT,
    dead_letter_source TEXT,
    PRIMARY KEY (queue, message_id)
) WITHOUT ROWID;
