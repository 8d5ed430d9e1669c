package dev.miniats.core.mail;

/**
 * Port: hands a message to a mail service (SES on AWS, the local SES API offline).
 * Implementations are thread-safe.
 */
public interface Mailer {
    /**
     * Sends {@code message} and returns the service's message id.
     *
     * @throws MailRejectedException when the service refuses the message for good
     * @throws MailUnavailableException when the service is throttling or failing; retryable
     */
    String send(EmailMessage message);
}
