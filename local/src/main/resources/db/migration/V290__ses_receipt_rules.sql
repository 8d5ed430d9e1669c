-- SES email receiving (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-receipt-rules.html):
-- receipt rule sets, at most one of them active, and their rules in order.
CREATE TABLE ses_receipt_rule_sets (
    name       TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,            -- epoch milliseconds
    active     INTEGER NOT NULL DEFAULT 0   -- 1 for the one active set
);

CREATE TABLE ses_receipt_rules (
    rule_set TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    position INTEGER NOT NULL,   -- 0-based order inside the set
    rule     TEXT    NOT NULL,   -- the ReceiptRule as SES's JSON shape
    PRIMARY KEY (rule_set, name)
);

-- Each mail received for a recipient the active set matched, with what each action did.
CREATE TABLE ses_receipts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at INTEGER NOT NULL,   -- epoch milliseconds
    message_id  TEXT    NOT NULL,   -- SES's messageId: the S3 object key's suffix
    recipient   TEXT    NOT NULL,
    rule_set    TEXT    NOT NULL,
    steps       TEXT    NOT NULL    -- JSON list of {rule, action, outcome, detail}
);
