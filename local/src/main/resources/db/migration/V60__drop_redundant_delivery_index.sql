-- deliveries_event (event_id) duplicates the leading column of the UNIQUE (event_id, rule, target)
-- index, which serves every lookup by event id; keeping both only doubled the index pages each
-- delivery insert wrote.
DROP INDEX deliveries_event;
