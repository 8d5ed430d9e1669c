-- Retention keeps the newest spans (events.Retention, --retain-spans): finding the oldest ones
-- without reading the whole table needs them in start order. Spans are sampled under load
-- (TraceSampling), so this index costs little per event.
CREATE INDEX spans_start ON spans (start_nano);
