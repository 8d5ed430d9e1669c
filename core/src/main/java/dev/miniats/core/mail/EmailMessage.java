package dev.miniats.core.mail;

import dev.miniats.core.event.EmailAddress;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message ready to send: sender (with an optional display name, encoded by the mail library),
 * one recipient, and its rendered content.
 *
 * @param messageKey the effect's key ({@code IdempotencyKey#messageKey()}), carried in the
 *                   {@value MimeEmails#MESSAGE_KEY_HEADER} header so the mail service can send
 *                   one message per effect; null when the message is not an idempotent effect
 */
public record EmailMessage(EmailAddress from, String fromName, EmailAddress to, String toName, EmailContent content,
                           String messageKey) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public EmailMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
        if (messageKey != null && !KEY.matcher(messageKey).matches()) {
            throw new IllegalArgumentException("messageKey is '" + messageKey
                    + "'; expected 1 to 128 letters, digits, '.', '_' or '-' (a header value needs no encoding)");
        }
    }

    /** A message without a message key. */
    public EmailMessage(EmailAddress from, String fromName, EmailAddress to, String toName, EmailContent content) {
        this(from, fromName, to, toName, content, null);
    }
}
