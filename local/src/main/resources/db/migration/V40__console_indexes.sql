-- The console looks events up by candidate. These columns are computed from the stored envelope
-- (VIRTUAL: nothing is duplicated on disk but the indexes), so every event ever written has them.
-- Candidate = detail.candidateId, else the lower-cased detail.toEmail (the contract's default).
ALTER TABLE events ADD COLUMN candidate_key TEXT GENERATED ALWAYS AS (
    coalesce(nullif(json_extract(envelope, '$.detail.candidateId'), ''), lower(json_extract(envelope, '$.detail.toEmail')))) VIRTUAL;
ALTER TABLE events ADD COLUMN candidate_name TEXT GENERATED ALWAYS AS (json_extract(envelope, '$.detail.candidateName')) VIRTUAL;
ALTER TABLE events ADD COLUMN candidate_email TEXT GENERATED ALWAYS AS (lower(json_extract(envelope, '$.detail.toEmail'))) VIRTUAL;
ALTER TABLE events ADD COLUMN company_name TEXT GENERATED ALWAYS AS (json_extract(envelope, '$.detail.companyName')) VIRTUAL;

CREATE INDEX events_candidate ON events (candidate_key, seq);
-- The pipeline groups one bus's events by candidate without reading the table.
CREATE INDEX events_bus_candidate ON events (bus, candidate_key, seq);
-- The live feed asks "did any delivery change?" on every tick.
CREATE INDEX deliveries_updated ON deliveries (updated_at);
