-- One candidate's events were found through events_candidate (candidate_key, seq), written inside
-- the transaction every PutEvents waits for. Its entries sort by candidate, so consecutive events
-- about different candidates land on different pages: each one another 4 KiB page copied into the
-- WAL at every commit. It was the costliest part of an event's rows (issue #15, bench SqliteCeiling:
-- 18.3 µs of CPU per event with it, 11.3 without, 40 events per transaction over 10 candidates).
--
-- The same entries now go into candidate_events in bulk, sorted, a few times a second
-- (CandidateIndex), and candidate_events_mark says up to which event they have: a reader takes the
-- indexed events from candidate_events and the few newer ones from the tail of events, in one
-- statement, so it sees every committed event as before. A deleted event takes its entry with it.
CREATE TABLE candidate_events (
    candidate_key TEXT    NOT NULL,
    seq           INTEGER NOT NULL,  -- events.seq
    PRIMARY KEY (candidate_key, seq)
) WITHOUT ROWID;
CREATE TABLE candidate_events_mark (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL  -- every event with seq <= upto that has a candidate_key is in candidate_events
);
INSERT INTO candidate_events (candidate_key, seq)
    SELECT candidate_key, seq FROM events WHERE candidate_key IS NOT NULL ORDER BY candidate_key, seq;
INSERT INTO candidate_events_mark (id, upto) VALUES (1, (SELECT coalesce(max(seq), 0) FROM events));
CREATE TRIGGER candidate_events_gone AFTER DELETE ON events WHEN OLD.candidate_key IS NOT NULL
BEGIN
    DELETE FROM candidate_events WHERE candidate_key = OLD.candidate_key AND seq = OLD.seq;
END;
DROP INDEX events_candidate;
