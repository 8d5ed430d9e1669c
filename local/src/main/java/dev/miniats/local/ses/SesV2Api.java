package dev.miniats.local.ses;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.ses.EmailTemplate;
import dev.miniats.local.ses.Identities;
import dev.miniats.local.ses.Identity;
import dev.miniats.local.ses.LocalSes;
import dev.miniats.local.ses.Templates;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SES v2 over REST-JSON (https://docs.aws.amazon.com/ses/latest/APIReference-V2/Welcome.html):
 * {@code POST /v2/email/outbound-emails} with Simple, Raw or Template content, email identities,
 * email templates and the account. Identities and templates are shared with SES v1, as in SES.
 * Thread-safe: it keeps no state of its own.
 */
final class SesV2Api {
    static final String CONTENT_TYPE = "application/json";

    private final LocalSes ses;
    private final Identities identities;
    private final Templates templates;
    private final MailStore mails;
    private final Clock clock;
    private final SendPermissions permissions;

    SesV2Api(LocalSes ses, Identities identities, Templates templates, MailStore mails, Clock clock, SendPermissions permissions) {
        this.ses = ses;
        this.identities = identities;
        this.templates = templates;
        this.mails = mails;
        this.clock = clock;
        this.permissions = permissions;
    }

    void sendEmail(Context ctx) {
        JsonNode request = Json.object(ctx);
        JsonNode content = request.path("Content");
        JsonNode destination = request.path("Destination");
        String from = Json.text(request, "FromEmailAddress");
        String messageId;
        if (!content.has("Raw")) {
            permissions.checkV2(ctx, from, null);
        }
        if (content.has("Raw")) {
            String data = Json.text(content.get("Raw"), "Data");
            if (data == null) {
                throw new AwsException(400, "BadRequestException", "Content.Raw.Data is required");
            }
            // base64 grows 4/3: refuse an oversized message before decoding it.
            if (data.length() > (long) LocalSes.MAX_MESSAGE_BYTES_V2 / 3 * 4 + 4096) {
                throw new AwsException(400, "MessageRejected", "Message length is more than " + LocalSes.MAX_MESSAGE_BYTES_V2 + " bytes long.");
            }
            byte[] raw = SesV1Api.base64(data, "BadRequestException", "Content.Raw.Data");
            permissions.checkV2(ctx, from, raw);
            List<String> recipients = new ArrayList<>();
            recipients.addAll(list(destination, "ToAddresses"));
            recipients.addAll(list(destination, "CcAddresses"));
            recipients.addAll(list(destination, "BccAddresses"));
            messageId = ses.sendRaw("sesv2", raw, recipients, from, LocalSes.MAX_MESSAGE_BYTES_V2);
        } else if (content.has("Simple")) {
            if (from == null) {
                throw new AwsException(400, "BadRequestException", "FromEmailAddress is required for Simple content");
            }
            JsonNode simple = content.get("Simple");
            JsonNode subject = simple.path("Subject");
            JsonNode body = simple.path("Body");
            if (Json.text(subject, "Data") == null) {
                throw new AwsException(400, "BadRequestException", "Content.Simple.Subject.Data is required");
            }
            messageId = ses.sendSimple("sesv2", new LocalSes.Simple(from,
                    list(destination, "ToAddresses"), list(destination, "CcAddresses"), list(destination, "BccAddresses"),
                    list(request, "ReplyToAddresses"),
                    Json.text(subject, "Data"), Json.text(subject, "Charset"),
                    Json.text(body.path("Text"), "Data"), Json.text(body.path("Text"), "Charset"),
                    Json.text(body.path("Html"), "Data"), Json.text(body.path("Html"), "Charset")), LocalSes.MAX_MESSAGE_BYTES_V2);
        } else if (content.has("Template")) {
            if (from == null) {
                throw new AwsException(400, "BadRequestException", "FromEmailAddress is required for Template content");
            }
            JsonNode template = content.get("Template");
            Templates.Rendered r = templates.render(template(template), Json.text(template, "TemplateData"));
            messageId = ses.sendSimple("sesv2", new LocalSes.Simple(from,
                    list(destination, "ToAddresses"), list(destination, "CcAddresses"), list(destination, "BccAddresses"),
                    list(request, "ReplyToAddresses"), r.subject() == null ? "" : r.subject(), "UTF-8",
                    r.text(), "UTF-8", r.html(), "UTF-8"), LocalSes.MAX_MESSAGE_BYTES_V2);
        } else {
            throw new AwsException(400, "BadRequestException", "Content must contain one of Simple, Raw or Template");
        }
        Json.answer(ctx, CONTENT_TYPE, Map.of("MessageId", messageId));
    }

    /** A stored template by TemplateName (or ARN), or the inline TemplateContent. */
    private EmailTemplate template(JsonNode template) {
        JsonNode inline = template.get("TemplateContent");
        if (inline != null && inline.isObject()) {
            return new EmailTemplate("inline", Json.text(inline, "Subject"), Json.text(inline, "Text"), Json.text(inline, "Html"), 0);
        }
        String name = Json.text(template, "TemplateName");
        String arn = Json.text(template, "TemplateArn");
        if (name == null && arn != null) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        if (name == null) {
            throw new AwsException(400, "BadRequestException", "Content.Template needs TemplateName, TemplateArn or TemplateContent");
        }
        return templates.require(name);
    }

    void createEmailIdentity(Context ctx) {
        String name = Json.text(Json.object(ctx), "EmailIdentity");
        if (name == null) {
            throw new AwsException(400, "BadRequestException", "EmailIdentity is required");
        }
        Identity identity = identities.create(name);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("IdentityType", identity.type().name());
        answer.put("VerifiedForSendingStatus", true);
        answer.set("DkimAttributes", dkim(identity));
        Json.answer(ctx, CONTENT_TYPE, answer);
    }

    void getEmailIdentity(Context ctx) {
        String name = ctx.pathParam("identity");
        Identity identity = identities.get(name)
                .orElseThrow(() -> new AwsException(404, "NotFoundException", "Email identity " + name + " does not exist."));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("IdentityType", identity.type().name());
        answer.put("FeedbackForwardingStatus", true);
        answer.put("VerifiedForSendingStatus", true);
        answer.put("VerificationStatus", "SUCCESS");
        answer.set("DkimAttributes", dkim(identity));
        answer.putObject("MailFromAttributes").put("BehaviorOnMxFailure", "USE_DEFAULT_VALUE");
        answer.putObject("Policies");
        answer.putArray("Tags");
        Json.answer(ctx, CONTENT_TYPE, answer);
    }

    /**
     * {@code GET /v2/email/identities?NextToken=&PageSize=} as documented, and {@code POST
     * /v2/email/list-identities} with the same fields in a JSON body, which newer SDKs send.
     */
    void listEmailIdentities(Context ctx) {
        String token = ctx.queryParam("NextToken");
        String size = ctx.queryParam("PageSize");
        if (ctx.method() == io.javalin.http.HandlerType.POST) {
            JsonNode request = Json.object(ctx);
            token = Json.text(request, "NextToken");
            size = request.hasNonNull("PageSize") ? request.get("PageSize").asText() : null;
        }
        Page<Identity> page = Page.of(identities.list(null), token, size, 1000);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("EmailIdentities");
        for (Identity i : page.items()) {
            list.addObject().put("IdentityType", i.type().name()).put("IdentityName", i.name())
                    .put("SendingEnabled", true).put("VerificationStatus", "SUCCESS");
        }
        answer.put("NextToken", page.nextToken());
        Json.answer(ctx, CONTENT_TYPE, answer);
    }

    void deleteEmailIdentity(Context ctx) {
        String name = ctx.pathParam("identity");
        if (!identities.delete(name)) {
            throw new AwsException(404, "NotFoundException", "Email identity " + name + " does not exist.");
        }
        Json.answer(ctx, CONTENT_TYPE, Json.MAPPER.createObjectNode());
    }

    void createEmailTemplate(Context ctx) {
        JsonNode request = Json.object(ctx);
        JsonNode content = request.path("TemplateContent");
        if (!content.isObject()) {
            throw new AwsException(400, "BadRequestException", "TemplateContent is required");
        }
        templates.create(Json.text(request, "TemplateName"), Json.text(content, "Subject"), Json.text(content, "Text"),
                Json.text(content, "Html"));
        Json.answer(ctx, CONTENT_TYPE, Json.MAPPER.createObjectNode());
    }

    void updateEmailTemplate(Context ctx) {
        JsonNode content = Json.object(ctx).path("TemplateContent");
        if (!content.isObject()) {
            throw new AwsException(400, "BadRequestException", "TemplateContent is required");
        }
        templates.update(ctx.pathParam("name"), Json.text(content, "Subject"), Json.text(content, "Text"), Json.text(content, "Html"));
        Json.answer(ctx, CONTENT_TYPE, Json.MAPPER.createObjectNode());
    }

    void getEmailTemplate(Context ctx) {
        EmailTemplate t = templates.require(ctx.pathParam("name"));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("TemplateName", t.name());
        ObjectNode content = answer.putObject("TemplateContent");
        content.put("Subject", t.subject());
        content.put("Text", t.text());
        content.put("Html", t.html());
        Json.answer(ctx, CONTENT_TYPE, answer);
    }

    void listEmailTemplates(Context ctx) {
        Page<EmailTemplate> page = Page.of(templates.list(), ctx.queryParam("NextToken"), ctx.queryParam("PageSize"), 100);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("TemplatesMetadata");
        // REST-JSON timestamps are epoch seconds.
        page.items().forEach(t -> list.addObject().put("TemplateName", t.name()).put("CreatedTimestamp", t.createdAt() / 1000.0));
        answer.put("NextToken", page.nextToken());
        Json.answer(ctx, CONTENT_TYPE, answer);
    }

    void deleteEmailTemplate(Context ctx) {
        templates.delete(ctx.pathParam("name"));
        Json.answer(ctx, CONTENT_TYPE, Json.MAPPER.createObjectNode());
    }

    void getAccount(Context ctx) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("DedicatedIpAutoWarmupEnabled", false);
        answer.put("EnforcementStatus", "HEALTHY");
        answer.put("ProductionAccessEnabled", !ses.sandbox());
        answer.put("SendingEnabled", true);
        ObjectNode quota = answer.putObject("SendQuota");
        quota.put("Max24HourSend", ses.sandbox() ? 200.0 : 50_000.0);
        quota.put("MaxSendRate", ses.sandbox() ? 1.0 : 14.0);
        quota.put("SentLast24Hours", (double) mails.countSince(clock.millis() - 86_400_000L));
        answer.putObject("SuppressionAttributes").putArray("SuppressedReasons");
        Json.answer(ctx, CONTENT_TYPE, answer);
    }

    private static ObjectNode dkim(Identity identity) {
        ObjectNode dkim = Json.MAPPER.createObjectNode();
        dkim.put("SigningEnabled", identity.type() == Identity.Type.DOMAIN);
        dkim.put("Status", identity.type() == Identity.Type.DOMAIN ? "SUCCESS" : "NOT_STARTED");
        dkim.putArray("Tokens");
        dkim.put("SigningAttributesOrigin", "AWS_SES");
        return dkim;
    }

    static List<String> list(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new AwsException(400, "BadRequestException", field + " must be a list of addresses");
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
