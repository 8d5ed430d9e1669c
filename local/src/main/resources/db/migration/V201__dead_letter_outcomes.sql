-- What became of each dead-lettered delivery: sent to its dead-letter queue (the SQS message id), or
-- dropped, as EventBridge drops it, when the target has no dead-letter config or the queue cannot
-- take it (EventBridge's InvocationsFailedToBeSentToDlq). Removed when the delivery is redriven.
CREATE TABLE dead_letter_outcomes (
    delivery_id INTEGER PRIMARY KEY REFERENCES deliveries (id),
    queue_arn   TEXT,
    message_id  TEXT,
    dropped     TEXT,     -- why the event was dropped; null when it is in the queue
    at          INTEGER NOT NULL
);

-- SqsParameters.MessageGroupId of a target that is a FIFO queue.
ALTER TABLE targets ADD COLUMN sqs_message_group_id TEXT;
