-- Which stored mails each embedded mailbox holds (issue #15). GreenMail keeps mailboxes in memory,
-- so they are rebuilt from the store after a restart; with this index a mailbox is rebuilt when it
-- is first used (IMAP, or a new mail to it) instead of every mailbox at start, which cost 1.4-2.6 s
-- per 1,000 stored mails. One row per recipient of a mail put into the embedded mailboxes, written
-- in the transaction that marks the mail delivered; id tells the rows of an earlier start (to
-- restore) from those of this one (already in memory).
CREATE TABLE mailbox_mails (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    mailbox  TEXT    NOT NULL,  -- lower(trim(recipient)): one mailbox per address, as GreenMail keys its users
    mail_seq INTEGER NOT NULL REFERENCES mails (seq)
);
CREATE INDEX mailbox_mails_mailbox ON mailbox_mails (mailbox, id);

-- The mails an existing data dir had restored at every start: delivered, except to a relay.
INSERT INTO mailbox_mails (mailbox, mail_seq)
SELECT lower(trim(j.value)), m.seq
FROM mails m, json_each(m.destinations) j
WHERE m.status = 'delivered' AND coalesce(m.delivered_via, '') <> 'relay'
ORDER BY m.seq, j.key;
