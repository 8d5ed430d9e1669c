package dev.miniats.local.ses;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.InputStream;

/** A MimeMessage whose {@code saveChanges()} keeps an existing Message-ID instead of inventing a new one. */
final class PreservingMimeMessage extends MimeMessage {
    PreservingMimeMessage(Session session) {
        super(session);
    }

    PreservingMimeMessage(Session session, InputStream raw) throws MessagingException {
        super(session, raw);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }
}
