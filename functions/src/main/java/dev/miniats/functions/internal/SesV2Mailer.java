package dev.miniats.functions.internal;

import dev.miniats.core.mail.EmailContent;
import dev.miniats.core.mail.EmailMessage;
import dev.miniats.core.mail.MailRejectedException;
import dev.miniats.core.mail.MailUnavailableException;
import dev.miniats.core.mail.Mailer;
import jakarta.mail.internet.InternetAddress;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent.Builder;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * {@link Mailer} over the SES v2 {@code SendEmail} API. Thread-safe (the SDK client is).
 *
 * <p>Display names go through {@link InternetAddress}, which encodes them as RFC 2047 words;
 * no header is assembled by string concatenation. Throttling and 5xx answers are retryable,
 * every other SES error is permanent
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/CommonErrors.html).
 */
public final class SesV2Mailer implements Mailer {
    private final SesV2Client ses;

    public SesV2Mailer(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public String send(EmailMessage message) {
        EmailContent content = message.content();
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(mailbox(message.from().address(), message.fromName()))
                .destination(Destination.builder().toAddresses(mailbox(message.to().address(), message.toName())).build())
                .content(simple(content))
                .build();
        try {
            return ses.sendEmail(request).messageId();
        } catch (SesV2Exception e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null ? "HTTP " + status : e.awsErrorDetails().errorCode();
            if (status == 429 || status >= 500 || "TooManyRequestsException".equals(code) || "LimitExceededException".equals(code)) {
                throw new MailUnavailableException("SES answered " + status + " " + code + ": " + e.getMessage(), e);
            }
            throw new MailRejectedException(code, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            throw new MailUnavailableException("SES could not be reached: " + e.getMessage(), e);
        }
    }

    private static software.amazon.awssdk.services.sesv2.model.EmailContent simple(EmailContent content) {
        Builder builder = software.amazon.awssdk.services.sesv2.model.EmailContent.builder();
        return builder.simple(Message.builder()
                        .subject(utf8(content.subject()))
                        .body(Body.builder().text(utf8(content.text())).html(utf8(content.html())).build())
                        .build())
                .build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(StandardCharsets.UTF_8.name()).build();
    }

    private static String mailbox(String address, String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return address;
        }
        try {
            return new InternetAddress(address, displayName, StandardCharsets.UTF_8.name()).toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}
