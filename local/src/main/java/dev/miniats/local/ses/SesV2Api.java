package dev.miniats.local.ses;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.ses.SesV2Model.Content;
import dev.miniats.local.ses.SesV2Model.CreateEmailIdentityRequest;
import dev.miniats.local.ses.SesV2Model.CreateEmailIdentityResponse;
import dev.miniats.local.ses.SesV2Model.CreateEmailTemplateRequest;
import dev.miniats.local.ses.SesV2Model.Destination;
import dev.miniats.local.ses.SesV2Model.DkimAttributes;
import dev.miniats.local.ses.SesV2Model.EmailTemplateMetadata;
import dev.miniats.local.ses.SesV2Model.GetAccountResponse;
import dev.miniats.local.ses.SesV2Model.GetEmailIdentityResponse;
import dev.miniats.local.ses.SesV2Model.GetEmailTemplateResponse;
import dev.miniats.local.ses.SesV2Model.IdentityInfo;
import dev.miniats.local.ses.SesV2Model.ListEmailIdentitiesResponse;
import dev.miniats.local.ses.SesV2Model.ListEmailTemplatesResponse;
import dev.miniats.local.ses.SesV2Model.ListRequest;
import dev.miniats.local.ses.SesV2Model.MailFromAttributes;
import dev.miniats.local.ses.SesV2Model.Message;
import dev.miniats.local.ses.SesV2Model.SendEmailRequest;
import dev.miniats.local.ses.SesV2Model.SendEmailResponse;
import dev.miniats.local.ses.SesV2Model.SendQuota;
import dev.miniats.local.ses.SesV2Model.SuppressionAttributes;
import dev.miniats.local.ses.SesV2Model.Template;
import dev.miniats.local.ses.SesV2Model.TemplateContent;
import dev.miniats.local.ses.SesV2Model.UpdateEmailTemplateRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SES v2 over REST-JSON (https://docs.aws.amazon.com/ses/latest/APIReference-V2/Welcome.html):
 * {@code POST /v2/email/outbound-emails} with Simple, Raw or Template content, email identities,
 * email templates and the account. Identities and templates are shared with SES v1, as in SES.
 * Each operation takes its request record (and the path's resource name) and returns its answer
 * record; {@link SesService} reads and writes the JSON. Thread-safe: it keeps no state of its own.
 */
final class SesV2Api {
    private final LocalSes ses;
    private final Identities identities;
    private final Templates templates;
    private final MailStore mails;
    private final Clock clock;

    SesV2Api(LocalSes ses, Identities identities, Templates templates, MailStore mails, Clock clock) {
        this.ses = ses;
        this.identities = identities;
        this.templates = templates;
        this.mails = mails;
        this.clock = clock;
    }

    SendEmailResponse sendEmail(SendEmailRequest request) {
        SesV2Model.EmailContent content = request.content() == null ? new SesV2Model.EmailContent(null, null, null) : request.content();
        Destination destination = request.destination();
        String from = request.fromEmailAddress();
        if (content.raw() != null) {
            String data = content.raw().data();
            if (data == null) {
                throw new AwsException(400, "BadRequestException", "Content.Raw.Data is required");
            }
            // base64 grows 4/3: refuse an oversized message before decoding it.
            if (data.length() > (long) LocalSes.MAX_MESSAGE_BYTES_V2 / 3 * 4 + 4096) {
                throw new AwsException(400, "MessageRejected", "Message length is more than " + LocalSes.MAX_MESSAGE_BYTES_V2 + " bytes long.");
            }
            byte[] raw = SesV1Api.base64(data, "BadRequestException", "Content.Raw.Data");
            List<String> recipients = new ArrayList<>();
            recipients.addAll(destination.toAddresses());
            recipients.addAll(destination.ccAddresses());
            recipients.addAll(destination.bccAddresses());
            return new SendEmailResponse(ses.sendRaw("sesv2", raw, recipients, from, LocalSes.MAX_MESSAGE_BYTES_V2));
        }
        if (content.simple() != null) {
            requireFrom(from, "Simple");
            Message simple = content.simple();
            Content subject = simple.subject() == null ? new Content(null, null) : simple.subject();
            if (subject.data() == null) {
                throw new AwsException(400, "BadRequestException", "Content.Simple.Subject.Data is required");
            }
            Content text = simple.body() == null || simple.body().text() == null ? new Content(null, null) : simple.body().text();
            Content html = simple.body() == null || simple.body().html() == null ? new Content(null, null) : simple.body().html();
            return new SendEmailResponse(ses.sendSimple("sesv2", new LocalSes.Simple(from,
                    destination.toAddresses(), destination.ccAddresses(), destination.bccAddresses(), request.replyToAddresses(),
                    subject.data(), subject.charset(), text.data(), text.charset(), html.data(), html.charset()),
                    LocalSes.MAX_MESSAGE_BYTES_V2));
        }
        if (content.template() != null) {
            requireFrom(from, "Template");
            Templates.Rendered r = templates.render(template(content.template()), content.template().templateData());
            return new SendEmailResponse(ses.sendSimple("sesv2", r.simple(from, destination.toAddresses(), destination.ccAddresses(),
                    destination.bccAddresses(), request.replyToAddresses()), LocalSes.MAX_MESSAGE_BYTES_V2));
        }
        throw new AwsException(400, "BadRequestException", "Content must contain one of Simple, Raw or Template");
    }

    private static void requireFrom(String from, String content) {
        if (from == null) {
            throw new AwsException(400, "BadRequestException", "FromEmailAddress is required for " + content + " content");
        }
    }

    /** A stored template by TemplateName (or ARN), or the inline TemplateContent. */
    private EmailTemplate template(Template template) {
        TemplateContent inline = template.templateContent();
        if (inline != null) {
            return new EmailTemplate("inline", inline.subject(), inline.text(), inline.html(), 0);
        }
        String name = template.templateName();
        String arn = template.templateArn();
        if (name == null && arn != null) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        if (name == null) {
            throw new AwsException(400, "BadRequestException", "Content.Template needs TemplateName, TemplateArn or TemplateContent");
        }
        return templates.require(name);
    }

    CreateEmailIdentityResponse createEmailIdentity(CreateEmailIdentityRequest request) {
        if (request.emailIdentity() == null) {
            throw new AwsException(400, "BadRequestException", "EmailIdentity is required");
        }
        Identity identity = identities.create(request.emailIdentity());
        return new CreateEmailIdentityResponse(identity.type().name(), true, dkim(identity));
    }

    GetEmailIdentityResponse getEmailIdentity(String name) {
        Identity identity = identities.get(name).orElseThrow(() -> identityNotFound(name));
        return new GetEmailIdentityResponse(identity.type().name(), true, true, "SUCCESS", dkim(identity),
                new MailFromAttributes("USE_DEFAULT_VALUE"), Map.of(), List.of());
    }

    /**
     * {@code GET /v2/email/identities?NextToken=&PageSize=} as documented, and {@code POST
     * /v2/email/list-identities} with the same fields in a JSON body, which newer SDKs send.
     */
    ListEmailIdentitiesResponse listEmailIdentities(ListRequest request) {
        Page<Identity> page = Page.of(identities.list(null), request.nextToken(), request.pageSize(), 1000);
        return new ListEmailIdentitiesResponse(page.items().stream()
                .map(i -> new IdentityInfo(i.type().name(), i.name(), true, "SUCCESS")).toList(), page.nextToken());
    }

    Map<String, Object> deleteEmailIdentity(String name) {
        if (!identities.delete(name)) {
            throw identityNotFound(name);
        }
        return SesV2Model.EMPTY;
    }

    Map<String, Object> createEmailTemplate(CreateEmailTemplateRequest request) {
        TemplateContent content = requireContent(request.templateContent());
        templates.create(request.templateName(), content.subject(), content.text(), content.html());
        return SesV2Model.EMPTY;
    }

    Map<String, Object> updateEmailTemplate(String name, UpdateEmailTemplateRequest request) {
        TemplateContent content = requireContent(request.templateContent());
        if (!templates.update(name, content.subject(), content.text(), content.html())) {
            throw Templates.notFound(name);
        }
        return SesV2Model.EMPTY;
    }

    GetEmailTemplateResponse getEmailTemplate(String name) {
        EmailTemplate t = templates.require(name);
        return new GetEmailTemplateResponse(t.name(), new TemplateContent(t.subject(), t.text(), t.html()));
    }

    ListEmailTemplatesResponse listEmailTemplates(ListRequest request) {
        Page<EmailTemplate> page = Page.of(templates.list(), request.nextToken(), request.pageSize(), 100);
        return new ListEmailTemplatesResponse(page.items().stream()
                .map(t -> new EmailTemplateMetadata(t.name(), t.createdAt() / 1000.0)).toList(), page.nextToken());
    }

    Map<String, Object> deleteEmailTemplate(String name) {
        if (!templates.delete(name)) {
            throw Templates.notFound(name);
        }
        return SesV2Model.EMPTY;
    }

    GetAccountResponse getAccount() {
        return new GetAccountResponse(false, "HEALTHY", !ses.sandbox(), true, SendQuota.of(ses, mails, clock),
                new SuppressionAttributes(List.of()));
    }

    private static TemplateContent requireContent(TemplateContent content) {
        if (content == null) {
            throw new AwsException(400, "BadRequestException", "TemplateContent is required");
        }
        return content;
    }

    private static AwsException identityNotFound(String name) {
        return new AwsException(404, "NotFoundException", "Email identity " + name + " does not exist.");
    }

    private static DkimAttributes dkim(Identity identity) {
        boolean domain = identity.type() == Identity.Type.DOMAIN;
        return new DkimAttributes(domain, domain ? "SUCCESS" : "NOT_STARTED", List.of(), "AWS_SES");
    }
}
