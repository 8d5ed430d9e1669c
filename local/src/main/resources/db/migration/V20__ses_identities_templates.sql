-- SES identities (addresses and domains). Verification is instant locally, so a row means verified.
CREATE TABLE ses_identities (
    identity   TEXT    PRIMARY KEY,           -- lower-cased address or domain
    type       TEXT    NOT NULL CHECK (type IN ('EMAIL_ADDRESS', 'DOMAIN')),
    token      TEXT    NOT NULL,              -- the verification token SES would ask to publish in DNS
    created_at INTEGER NOT NULL
);

-- SES v2 email templates ({{var}} substitution with TemplateData).
CREATE TABLE ses_templates (
    name       TEXT    PRIMARY KEY,
    subject    TEXT,
    text_part  TEXT,
    html_part  TEXT,
    created_at INTEGER NOT NULL
);

-- What LocalStack's /_aws/ses shows for a message that was not sent raw: the request's
-- Destination and body parts, as JSON. NULL for raw messages (their RawData is the stored MIME).
ALTER TABLE mails ADD COLUMN request_view TEXT;
-- Set by DELETE /_aws/ses: the message leaves that list but stays stored and is still delivered.
ALTER TABLE mails ADD COLUMN cleared_at INTEGER;
-- Where a delivered message went: 'embedded' (the local mailbox) or 'relay'; only the embedded
-- ones are put back into the in-memory mailbox at start.
ALTER TABLE mails ADD COLUMN delivered_via TEXT;
