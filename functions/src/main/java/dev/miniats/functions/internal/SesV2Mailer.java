package dev.miniats.functions.internal;

import dev.miniats.core.mail.MailRejectedException;
import dev.miniats.core.mail.MailUnavailableException;
import dev.miniats.core.mail.Mailer;
import dev.miniats.core.mail.RawEmail;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.RawMessage;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * {@link Mailer} over the SES v2 {@code SendEmail} API with {@code Content.Raw}: the MIME message
 * built in core (alternatives, calendar part, attachments) is sent byte for byte
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_RawMessage.html). The envelope
 * sender and recipient are given explicitly rather than read back from the headers.
 *
 * <p>Throttling and 5xx answers are retryable, every other SES error is permanent
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/CommonErrors.html).
 * Thread-safe (the SDK client is).
 */
public final class SesV2Mailer implements Mailer {
    private final SesV2Client ses;

    public SesV2Mailer(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public String send(RawEmail email) {
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(email.from().address())
                .destination(Destination.builder().toAddresses(email.to().address()).build())
                .content(EmailContent.builder()
                        .raw(RawMessage.builder().data(SdkBytes.fromByteArray(email.mime())).build())
                        .build())
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
}
