package dev.miniats.local.ses;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryRouter;
import dev.miniats.local.aws.QueryXml;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.ses.SesV2Model.SendQuota;

import java.time.Clock;
import java.util.Base64;

/**
 * SES v1 over the AWS Query protocol (https://docs.aws.amazon.com/ses/latest/APIReference/):
 * a form-encoded {@code POST /} with {@code Action=...&Version=2010-12-01}, answered in XML.
 * This is what {@code aws ses}, {@code @aws-sdk/client-ses} and the Java SDK's {@code SesClient} speak.
 * Thread-safe: it keeps no state of its own.
 */
final class SesV1Api {
    private final LocalSes ses;
    private final Identities identities;
    private final Templates templates;
    private final SesV1Templates templateActions;
    private final MailStore mails;
    private final Clock clock;
    private final SendPermissions permissions;
    private final SesV1Receipts receipts;

    SesV1Api(LocalSes ses, Identities identities, Templates templates, MailStore mails, Clock clock, SendPermissions permissions,
             ReceiptRules receiptRules) {
        this.ses = ses;
        this.identities = identities;
        this.templates = templates;
        this.templateActions = new SesV1Templates(templates, clock);
        this.mails = mails;
        this.clock = clock;
        this.permissions = permissions;
        this.receipts = new SesV1Receipts(receiptRules);
    }

    /** Registers every SES v1 action on its Query router. */
    QueryRouter router() {
        QueryRouter r = new QueryRouter("ses", "2010-12-01");
        r.on("SendEmail", (p, answer, call) -> {
            permissions.check(call, "ses:SendEmail", p.required("Source"));
            answer.element("MessageId", sendEmail(p));
        });
        r.on("SendRawEmail", (p, answer, call) -> answer.element("MessageId", sendRawEmail(p, call)));
        r.on("SendTemplatedEmail", (p, answer, call) -> {
            permissions.check(call, "ses:SendTemplatedEmail", p.required("Source"));
            answer.element("MessageId", sendTemplatedEmail(p));
        });
        r.on("VerifyEmailIdentity", (p, answer, call) -> identities.verify(address(p.required("EmailAddress"))));
        r.on("VerifyEmailAddress", (p, answer, call) -> identities.verify(address(p.required("EmailAddress"))));
        r.on("VerifyDomainIdentity", (p, answer, call) ->
                answer.element("VerificationToken", identities.verify(domain(p.required("Domain"))).token()));
        r.on("ListIdentities", (p, answer, call) -> listIdentities(p, answer));
        r.on("ListVerifiedEmailAddresses", (p, answer, call) -> {
            answer.start("VerifiedEmailAddresses");
            identities.list(Identity.Type.EMAIL_ADDRESS).forEach(i -> answer.element("member", i.name()));
            answer.end();
        });
        r.on("GetIdentityVerificationAttributes", (p, answer, call) -> verificationAttributes(p, answer));
        r.on("DeleteIdentity", (p, answer, call) -> identities.delete(p.required("Identity")));
        r.on("DeleteVerifiedEmailAddress", (p, answer, call) -> identities.delete(p.required("EmailAddress")));
        r.on("GetSendQuota", (p, answer, call) -> {
            SendQuota quota = SendQuota.of(ses, mails, clock);
            answer.element("Max24HourSend", quota.max24HourSend()).element("MaxSendRate", quota.maxSendRate())
                    .element("SentLast24Hours", quota.sentLast24Hours());
        });
        templateActions.registerOn(r);
        receipts.registerOn(r);
        return r;
    }

    private String sendEmail(QueryParams p) {
        String source = p.required("Source");
        String subject = p.required("Message.Subject.Data");
        String text = p.optional("Message.Body.Text.Data");
        String html = p.optional("Message.Body.Html.Data");
        return ses.sendSimple("ses", new LocalSes.Simple(source,
                p.members("Destination.ToAddresses"), p.members("Destination.CcAddresses"), p.members("Destination.BccAddresses"),
                p.members("ReplyToAddresses"), subject, p.optional("Message.Subject.Charset"),
                text, p.optional("Message.Body.Text.Charset"), html, p.optional("Message.Body.Html.Charset")),
                LocalSes.MAX_MESSAGE_BYTES_V1);
    }

    private String sendRawEmail(QueryParams p, dev.miniats.local.aws.AwsRequest call) {
        String data = p.required("RawMessage.Data");
        // base64 grows 4/3: refuse an oversized message before decoding it.
        if (data.length() > (long) LocalSes.MAX_MESSAGE_BYTES_V1 / 3 * 4 + 4096) {
            throw new AwsException(400, "MessageRejected", "Message length is more than " + LocalSes.MAX_MESSAGE_BYTES_V1 + " bytes long.");
        }
        byte[] raw = base64(data, "InvalidParameterValue", "RawMessage.Data");
        permissions.checkRaw(call, p.optional("Source"), raw);
        return ses.sendRaw("ses", raw, p.members("Destinations"), p.optional("Source"), LocalSes.MAX_MESSAGE_BYTES_V1);
    }

    private String sendTemplatedEmail(QueryParams p) {
        String source = p.required("Source");
        EmailTemplate template = templateActions.require(p.required("Template"));
        Templates.Rendered r = templates.render(template, p.required("TemplateData"));
        return ses.sendSimple("ses", r.simple(source, p.members("Destination.ToAddresses"), p.members("Destination.CcAddresses"),
                p.members("Destination.BccAddresses"), p.members("ReplyToAddresses")), LocalSes.MAX_MESSAGE_BYTES_V1);
    }

    private void listIdentities(QueryParams p, QueryXml answer) {
        String type = p.optional("IdentityType");
        Identity.Type filter;
        if (type == null) {
            filter = null;
        } else if (type.equals("EmailAddress")) {
            filter = Identity.Type.EMAIL_ADDRESS;
        } else if (type.equals("Domain")) {
            filter = Identity.Type.DOMAIN;
        } else {
            throw new AwsException(400, "InvalidParameterValue", "IdentityType is '" + type + "'; expected EmailAddress or Domain");
        }
        Page<Identity> page = Page.of(identities.list(filter), p.optional("NextToken"), p.optional("MaxItems"), 1000);
        answer.start("Identities");
        page.items().forEach(i -> answer.element("member", i.name()));
        answer.end().element("NextToken", page.nextToken());
    }

    private void verificationAttributes(QueryParams p, QueryXml answer) {
        answer.start("VerificationAttributes");
        for (String name : p.members("Identities")) {
            // SES leaves identities it does not know out of the map.
            identities.get(name).ifPresent(i -> {
                answer.start("entry").element("key", name).start("value").element("VerificationStatus", "Success");
                if (i.type() == Identity.Type.DOMAIN) {
                    answer.element("VerificationToken", i.token());
                }
                answer.end().end();
            });
        }
        answer.end();
    }

    private static String address(String value) {
        if (!value.contains("@")) {
            throw new AwsException(400, "InvalidParameterValue", "Invalid email address <" + value + ">.");
        }
        return value;
    }

    private static String domain(String value) {
        if (value.contains("@")) {
            throw new AwsException(400, "InvalidParameterValue", "Invalid domain name <" + value + ">.");
        }
        return value;
    }

    /** Strict base64 (line breaks allowed): a lenient decoder would skip stray characters and store garbage. */
    static byte[] base64(String data, String errorCode, String field) {
        try {
            return Base64.getDecoder().decode(data.replaceAll("[\\r\\n ]", ""));
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, errorCode, field + " is not valid base64: " + e.getMessage());
        }
    }
}
