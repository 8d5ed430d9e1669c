package dev.miniats.local.ses;

/** An SES email template: subject, text and HTML parts with {@code {{var}}} placeholders. */
record EmailTemplate(String name, String subject, String text, String html, long createdAt) {
}
