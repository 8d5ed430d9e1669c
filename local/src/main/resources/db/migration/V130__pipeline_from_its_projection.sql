-- The console's pipeline now reads record-pipeline's stage history (pipeline_history), the one
-- projection /_ats/pipeline serves too; nothing derives stages from the event log any more.
-- candidate_key and its index stay: they list one candidate's events and filter the events page.
-- VIRTUAL columns hold no data, so dropping them rewrites no rows.
DROP INDEX events_bus_candidate;
ALTER TABLE events DROP COLUMN candidate_name;
ALTER TABLE events DROP COLUMN candidate_email;
ALTER TABLE events DROP COLUMN company_name;
