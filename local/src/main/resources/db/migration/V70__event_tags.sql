-- Tags of event buses and rules (TagResource, and Tags on CreateEventBus and PutRule), kept so
-- ListTagsForResource answers them after a restart. rule is '' for the tags of the bus itself:
-- a rule name is at least one character, so '' never names a rule. Deleting a bus or rule
-- deletes its tags in the same transaction (RuleStore), so a new resource of the same name
-- starts untagged, as in EventBridge.
CREATE TABLE event_tags (
    bus   TEXT NOT NULL,
    rule  TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (bus, rule, key)
) WITHOUT ROWID;
