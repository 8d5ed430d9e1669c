package dev.miniats.local.ses;

import dev.miniats.local.mail.MailStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The SES v2 requests and answers the runtime reads and writes, as records named like the API's
 * shapes (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Types.html); the shared mapper
 * gives them AWS's UpperCamelCase member names. Members a request leaves out are null; lists of
 * addresses are never null.
 */
final class SesV2Model {
    private SesV2Model() {
    }

    /** An answer with no members, {@code {}}, as the delete and update operations return. */
    static final Map<String, Object> EMPTY = Map.of();

    record SendEmailRequest(String fromEmailAddress, Destination destination, List<String> replyToAddresses, EmailContent content) {
        SendEmailRequest {
            destination = destination == null ? new Destination(null, null, null) : destination;
            replyToAddresses = replyToAddresses == null ? List.of() : replyToAddresses;
        }
    }

    record Destination(List<String> toAddresses, List<String> ccAddresses, List<String> bccAddresses) {
        Destination {
            toAddresses = toAddresses == null ? List.of() : toAddresses;
            ccAddresses = ccAddresses == null ? List.of() : ccAddresses;
            bccAddresses = bccAddresses == null ? List.of() : bccAddresses;
        }
    }

    /** Exactly one of Simple, Raw or Template is expected; the operation says which is missing. */
    record EmailContent(Message simple, RawMessage raw, Template template) {
    }

    record Message(Content subject, Body body) {
    }

    record Content(String data, String charset) {
    }

    record Body(Content text, Content html) {
    }

    record RawMessage(String data) {
    }

    record Template(String templateName, String templateArn, String templateData, TemplateContent templateContent) {
    }

    record TemplateContent(String subject, String text, String html) {
    }

    record SendEmailResponse(String messageId) {
    }

    record CreateEmailIdentityRequest(String emailIdentity) {
    }

    record CreateEmailIdentityResponse(String identityType, boolean verifiedForSendingStatus, DkimAttributes dkimAttributes) {
    }

    record DkimAttributes(boolean signingEnabled, String status, List<String> tokens, String signingAttributesOrigin) {
    }

    record GetEmailIdentityResponse(String identityType, boolean feedbackForwardingStatus, boolean verifiedForSendingStatus,
                                    String verificationStatus, DkimAttributes dkimAttributes, MailFromAttributes mailFromAttributes,
                                    Map<String, String> policies, List<Tag> tags) {
    }

    record MailFromAttributes(String behaviorOnMxFailure) {
    }

    record Tag(String key, String value) {
    }

    /**
     * A page request: the body of {@code POST /v2/email/list-identities}, or the query string of the
     * GET listings. PageSize stays text (a JSON number reads as its digits) so {@link Page} can name a bad one.
     */
    record ListRequest(String nextToken, String pageSize) {
    }

    record ListEmailIdentitiesResponse(List<IdentityInfo> emailIdentities, String nextToken) {
    }

    record IdentityInfo(String identityType, String identityName, boolean sendingEnabled, String verificationStatus) {
    }

    record CreateEmailTemplateRequest(String templateName, TemplateContent templateContent) {
    }

    record UpdateEmailTemplateRequest(TemplateContent templateContent) {
    }

    record GetEmailTemplateResponse(String templateName, TemplateContent templateContent) {
    }

    record ListEmailTemplatesResponse(List<EmailTemplateMetadata> templatesMetadata, String nextToken) {
    }

    /** REST-JSON timestamps are epoch seconds. */
    record EmailTemplateMetadata(String templateName, double createdTimestamp) {
    }

    record GetAccountResponse(boolean dedicatedIpAutoWarmupEnabled, String enforcementStatus, boolean productionAccessEnabled,
                              boolean sendingEnabled, SendQuota sendQuota, SuppressionAttributes suppressionAttributes) {
    }

    /** SES's default quotas: an account in the sandbox may send 200 messages a day, 1 a second. Both APIs answer it. */
    record SendQuota(double max24HourSend, double maxSendRate, double sentLast24Hours) {
        static SendQuota of(LocalSes ses, MailStore mails, Clock clock) {
            return new SendQuota(ses.sandbox() ? 200 : 50_000, ses.sandbox() ? 1 : 14,
                    mails.countSince(clock.millis() - 86_400_000L));
        }
    }

    record SuppressionAttributes(List<String> suppressedReasons) {
    }
}
