-- A candidate's answers through the signed links and the apply form: one row per candidate,
-- topic (assessment, offer, interview, application) and the event that asked, so a second click
-- (or the other button of the same question) changes nothing and the page says what was recorded.
CREATE TABLE candidate_answers (
    candidate_id    TEXT    NOT NULL,
    topic           TEXT    NOT NULL,
    asked_by        TEXT    NOT NULL,   -- the event whose mail carried the link; the job for applications
    detail_type     TEXT    NOT NULL,   -- what the answer published, e.g. offer-accepted
    answer_event_id TEXT,               -- the published event's id, once PutEvents answered
    answered_at     INTEGER NOT NULL,
    PRIMARY KEY (candidate_id, topic, asked_by)
);
