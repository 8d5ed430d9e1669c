-- Calendar replies (iTIP REPLY mailed to an interview's organizer): every one received, with what
-- it did, so a reply that changed nothing (unknown interview, older revision, tentative) says why.
CREATE TABLE calendar_replies (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at  INTEGER NOT NULL,   -- epoch milliseconds
    recipient    TEXT    NOT NULL,   -- the mailbox the reply was sent to
    uid          TEXT,               -- null when the mail held no readable REPLY
    attendee     TEXT,
    sequence     INTEGER,
    part_stat    TEXT,
    candidate_id TEXT,               -- the interview's candidate, when the UID is known
    interview_id TEXT,
    outcome      TEXT    NOT NULL,   -- ReplyDecision.Outcome, DUPLICATE or INVALID
    reason       TEXT    NOT NULL,
    event_id     TEXT                -- the event published through PutEvents, if any
);
CREATE INDEX calendar_replies_candidate ON calendar_replies (candidate_id, id);

-- The last answer published per interview and attendee: the same answer again publishes nothing,
-- a changed mind (accepted, then declined) publishes the new answer.
CREATE TABLE calendar_reply_state (
    uid       TEXT    NOT NULL,
    attendee  TEXT    NOT NULL,
    sequence  INTEGER NOT NULL,
    part_stat TEXT    NOT NULL,
    PRIMARY KEY (uid, attendee)
);
