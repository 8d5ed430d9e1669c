-- Exactly one mail per effect, even across a SIGKILL (issue 16).

-- The effect key a raw message carried (X-Mini-Ats-Message-Key): the local SES stores at most
-- one mail per key within its window, checked in the same write that stores the mail.
ALTER TABLE mails ADD COLUMN message_key TEXT;
CREATE UNIQUE INDEX mails_message_key ON mails (message_key) WHERE message_key IS NOT NULL;

-- The SEQUENCE each interview revision (reschedule, cancel) was given, by its idempotency key,
-- so a revision run again after a crash sends its update with the same SEQUENCE.
CREATE TABLE interview_revisions (
    revision_key TEXT    PRIMARY KEY,
    candidate_id TEXT    NOT NULL,
    interview_id TEXT    NOT NULL,
    sequence     INTEGER NOT NULL
);
