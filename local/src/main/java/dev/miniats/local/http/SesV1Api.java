package dev.miniats.local.http;

import dev.miniats.local.mail.MailStore;
import dev.miniats.local.ses.EmailTemplate;
import dev.miniats.local.ses.Identities;
import dev.miniats.local.ses.Identity;
import dev.miniats.local.ses.LocalSes;
import dev.miniats.local.ses.Templates;
import io.javalin.http.Context;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SES v1 over the AWS Query protocol (https://docs.aws.amazon.com/ses/latest/APIReference/):
 * a form-encoded {@code POST /} with {@code Action=...&Version=2010-12-01}, answered in XML.
 * This is what {@code aws ses}, {@code @aws-sdk/client-ses} and the Java SDK's {@code SesClient} speak.
 * Thread-safe: it keeps no state of its own.
 */
public final class SesV1Api {
    /** Set on a request handled here, so {@link HttpServer} renders its errors as Query XML. */
    static final String QUERY_PROTOCOL = "aws.query";
    static final String CONTENT_TYPE = "text/xml";
    /** SES's default quotas: an account in the sandbox may send 200 messages a day, 1 a second. */
    private static final int SANDBOX_DAILY = 200;
    private static final int PRODUCTION_DAILY = 50_000;

    private final LocalSes ses;
    private final Identities identities;
    private final Templates templates;
    private final MailStore mails;
    private final Clock clock;

    public SesV1Api(LocalSes ses, Identities identities, Templates templates, MailStore mails, Clock clock) {
        this.ses = ses;
        this.identities = identities;
        this.templates = templates;
        this.mails = mails;
        this.clock = clock;
    }

    static boolean isQuery(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    void handle(Context ctx) {
        ctx.attribute(QUERY_PROTOCOL, Boolean.TRUE);
        Params p = new Params(parse(ctx.body()));
        String action = p.optional("Action");
        if (action == null) {
            throw new AwsException(400, "MissingAction", "The request must contain the parameter Action.");
        }
        QueryXml answer = QueryXml.response(action);
        switch (action) {
            case "SendEmail" -> answer.element("MessageId", sendEmail(p));
            case "SendRawEmail" -> answer.element("MessageId", sendRawEmail(p));
            case "SendTemplatedEmail" -> answer.element("MessageId", sendTemplatedEmail(p));
            case "VerifyEmailIdentity", "VerifyEmailAddress" -> identities.verify(address(p.required("EmailAddress")));
            case "VerifyDomainIdentity" -> answer.element("VerificationToken", identities.verify(domain(p.required("Domain"))).token());
            case "ListIdentities" -> listIdentities(p, answer);
            case "ListVerifiedEmailAddresses" -> {
                answer.start("VerifiedEmailAddresses");
                identities.list(Identity.Type.EMAIL_ADDRESS).forEach(i -> answer.element("member", i.name()));
                answer.end();
            }
            case "GetIdentityVerificationAttributes" -> verificationAttributes(p, answer);
            case "DeleteIdentity" -> identities.delete(p.required("Identity"));
            case "DeleteVerifiedEmailAddress" -> identities.delete(p.required("EmailAddress"));
            case "GetSendQuota" -> answer.element("Max24HourSend", (double) (ses.sandbox() ? SANDBOX_DAILY : PRODUCTION_DAILY))
                    .element("MaxSendRate", ses.sandbox() ? 1.0 : 14.0)
                    .element("SentLast24Hours", (double) mails.countSince(clock.millis() - 86_400_000L));
            case "CreateTemplate" -> templates.create(p.required("Template.TemplateName"), p.optional("Template.SubjectPart"),
                    p.optional("Template.TextPart"), p.optional("Template.HtmlPart"));
            case "DeleteTemplate" -> templates.delete(p.required("TemplateName"));
            default -> throw new AwsException(400, "InvalidAction", "Could not find operation " + action + " for version 2010-12-01");
        }
        String requestId = UUID.randomUUID().toString();
        ctx.header("x-amzn-RequestId", requestId).contentType(CONTENT_TYPE).result(answer.finish(requestId));
    }

    private String sendEmail(Params p) {
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

    private String sendRawEmail(Params p) {
        String data = p.required("RawMessage.Data");
        // base64 grows 4/3: refuse an oversized message before decoding it.
        if (data.length() > (long) LocalSes.MAX_MESSAGE_BYTES_V1 / 3 * 4 + 4096) {
            throw new AwsException(400, "MessageRejected", "Message length is more than " + LocalSes.MAX_MESSAGE_BYTES_V1 + " bytes long.");
        }
        byte[] raw = base64(data, "InvalidParameterValue", "RawMessage.Data");
        return ses.sendRaw("ses", raw, p.members("Destinations"), p.optional("Source"), LocalSes.MAX_MESSAGE_BYTES_V1);
    }

    private String sendTemplatedEmail(Params p) {
        String source = p.required("Source");
        EmailTemplate template = templates.require(p.required("Template"));
        Templates.Rendered r = templates.render(template, p.required("TemplateData"));
        return ses.sendSimple("ses", new LocalSes.Simple(source,
                p.members("Destination.ToAddresses"), p.members("Destination.CcAddresses"), p.members("Destination.BccAddresses"),
                p.members("ReplyToAddresses"), r.subject() == null ? "" : r.subject(), "UTF-8", r.text(), "UTF-8", r.html(), "UTF-8"),
                LocalSes.MAX_MESSAGE_BYTES_V1);
    }

    private void listIdentities(Params p, QueryXml answer) {
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

    private void verificationAttributes(Params p, QueryXml answer) {
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

    /** Decodes {@code a=1&b=2}; a malformed escape is the Query protocol's MalformedQueryString. */
    static Map<String, String> parse(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, "MalformedQueryString", "The request body is not valid form encoding: " + e.getMessage());
            }
        }
        return out;
    }

    /** The request's parameters, with the Query protocol's {@code Name.member.N} lists. */
    private record Params(Map<String, String> values) {
        String optional(String name) {
            return values.get(name);
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null) {
                throw new AwsException(400, "MissingParameter", "The request must contain the parameter " + name + ".");
            }
            return value;
        }

        List<String> members(String prefix) {
            List<String> out = new ArrayList<>();
            for (int i = 1; values.containsKey(prefix + ".member." + i); i++) {
                out.add(values.get(prefix + ".member." + i));
            }
            return out;
        }
    }
}
