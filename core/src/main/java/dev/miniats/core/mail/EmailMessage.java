package dev.miniats.core.mail;

import dev.miniats.core.event.EmailAddress;

import java.util.Objects;

/**
 * A message ready to send: sender (with an optional display name, encoded by the mail library),
 * one recipient, and its rendered content.
 */
public record EmailMessage(EmailAddress from, String fromName, EmailAddress to, String toName, EmailContent content) {
    public EmailMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
    }
}
