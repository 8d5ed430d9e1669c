package dev.miniats.core.mail;

/**
 * Port: hands a complete MIME message to a mail service (SES on AWS, the local SES API
 * offline). Messages are built by {@link MimeEmails}, so invites and attachments travel intact.
 * Implementations are thread-safe.
 */
public interface Mailer {
    /**
     * Sends {@code email} and returns the service's message id.
     *
     * @throws MailRejectedException when the service refuses the message for good
     * @throws MailUnavailableException when the service is throttling or failing; retryable
     */
    String send(RawEmail email);
}
