package dev.miniats.core.mail;

import dev.miniats.core.event.EmailAddress;

import java.util.Objects;

/**
 * A complete RFC 5322 message as bytes, with its envelope sender and recipient. This is what a
 * {@link Mailer} sends: every header and part was built by {@link MimeEmails}.
 *
 * @param from the envelope sender (also the {@code From} header's address)
 * @param to   the envelope recipient (also the {@code To} header's address)
 * @param mime the message bytes, CRLF line endings; copied in and out
 */
public record RawEmail(EmailAddress from, EmailAddress to, byte[] mime) {
    public RawEmail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(mime, "mime");
        if (mime.length == 0) {
            throw new IllegalArgumentException("mime is empty; expected a MIME message");
        }
        mime = mime.clone();
    }

    @Override
    public byte[] mime() {
        return mime.clone();
    }
}
