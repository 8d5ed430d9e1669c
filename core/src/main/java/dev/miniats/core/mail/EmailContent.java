package dev.miniats.core.mail;

import java.util.Objects;

/** A rendered email body: one subject line and both alternatives (RFC 2046 multipart/alternative). */
public record EmailContent(String subject, String text, String html) {
    public EmailContent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("subject contains CR, LF or NUL: a template produced a multi-line subject");
        }
    }
}
