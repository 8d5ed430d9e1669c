-- Two B-trees fewer per event (issue #15): each index is another page descended, written and
-- copied into the WAL in the transaction PutEvents waits for (bench SqliteCeiling: ~45 µs per
-- event with both, ~38 without events_bus_seq alone).
--
-- deliveries_updated (V40) was written twice for every delivery: by the insert, and again when
-- the delivered mark moved the row to its new updated_at. It served two reads: the console's
-- change stamp (max(updated_at)), now a counter the event log keeps in memory
-- (EventLog.deliveryChanges), and the dead letters newest first, which a partial index serves:
-- only dead deliveries are in it, so a pending or delivered row never touches it.
DROP INDEX deliveries_updated;
CREATE INDEX deliveries_dead ON deliveries (updated_at, id) WHERE status = 'dead';
-- events_bus_seq served the events page filtered by bus and archives reading a bus's window. The
-- runtime keeps 100,000 events by default and nearly all are on one bus: walking seq backwards
-- finds a page of that bus at once, and a window was read through all of a bus's events anyway
-- (received_at was never in the index). A rarely used bus now costs one scan of the kept events.
DROP INDEX events_bus_seq;
