-- Fewer B-trees written per event (issue 15): every index on events and deliveries is another
-- page rewritten into the WAL at each commit, and PutEvents waits for that commit.
--
-- The console's events page filters by detail type newest first: walking seq backwards stops at
-- the page size, so the index saved little and cost a json-free but full B-tree insert per event.
DROP INDEX events_detail_type;
-- Only pending deliveries are ever looked up by status (recovery at start): a partial index holds
-- just them, so a delivered row leaves it once instead of being re-filed under 'delivered'.
DROP INDEX deliveries_pending;
CREATE INDEX deliveries_pending ON deliveries (next_attempt_at, id) WHERE status = 'pending';
