-- events.candidate_key was a VIRTUAL column over json_extract(envelope, ...): indexing it made
-- SQLite parse every event's envelope JSON inside the insert that PutEvents waits for, about a
-- third of the writer thread's time per event (issue 15, bench SqliteCeiling). The bus has the
-- detail parsed already, so it now writes the same value (CandidateKeys) as a plain column.
DROP INDEX events_candidate;
ALTER TABLE events DROP COLUMN candidate_key;
ALTER TABLE events ADD COLUMN candidate_key TEXT;
UPDATE events SET candidate_key = coalesce(nullif(json_extract(envelope, '$.detail.candidateId'), ''),
                                           lower(json_extract(envelope, '$.detail.toEmail')));
CREATE INDEX events_candidate ON events (candidate_key, seq);
