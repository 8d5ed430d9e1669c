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

-- The declared routes used to name a queue per rule (<rule>-dlq) that nothing created; they now
-- dead-letter into the runtime's ats-dead-letters queue, so their dead letters from before do too.
UPDATE deliveries SET dead_letter_arn = 'arn:aws:sqs:us-east-1:000000000000:ats-dead-letters'
WHERE status = 'dead'
  AND dead_letter_arn = 'arn:aws:sqs:us-east-1:000000000000:' || rule || '-dlq'
  AND EXISTS (SELECT 1 FROM rules r WHERE r.name = deliveries.rule AND r.declared = 1);
