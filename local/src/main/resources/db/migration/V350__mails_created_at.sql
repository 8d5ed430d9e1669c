-- SES's send quota (v2 GetAccount, v1 GetSendQuota) counts the mails of the last 24 hours. Without
-- an index that count read every stored mail, and created_at sits after the raw message in the row,
-- so each one's overflow pages too: 13-15 ms per call with 4,049 mails of 10 KB, growing with the
-- store; 2.2-3.3 ms with the index. Building it reads the stored mails once, at the first start after
-- the upgrade (15-50 ms for those 4,049, a 40 MB file).
CREATE INDEX mails_created ON mails (created_at);
