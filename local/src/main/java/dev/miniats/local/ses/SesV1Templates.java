package dev.miniats.local.ses;

import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryRouter;
import dev.miniats.local.aws.QueryXml;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

/**
 * SES v1's template actions (https://docs.aws.amazon.com/ses/latest/APIReference/API_Operations.html):
 * CreateTemplate, GetTemplate, UpdateTemplate, ListTemplates, DeleteTemplate and TestRenderTemplate,
 * over the templates SES v2 shares. A template v1 cannot find is its own {@code TemplateDoesNotExist}
 * (400), not v2's {@code NotFoundException}. Thread-safe: it keeps no state of its own.
 */
final class SesV1Templates {
    /** ListTemplates: "If you do not specify a value, 10 is the default page size"; over 100 is set to 100. */
    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 100;

    private final Templates templates;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    SesV1Templates(Templates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    void registerOn(QueryRouter r) {
        r.on("CreateTemplate", (p, answer, call) -> templates.create(p.required("Template.TemplateName"),
                p.optional("Template.SubjectPart"), p.optional("Template.TextPart"), p.optional("Template.HtmlPart")));
        r.on("GetTemplate", (p, answer, call) -> {
            EmailTemplate t = require(p.required("TemplateName"));
            answer.start("Template").element("TemplateName", t.name()).element("SubjectPart", t.subject())
                    .element("TextPart", t.text()).element("HtmlPart", t.html()).end();
        });
        r.on("UpdateTemplate", (p, answer, call) -> {
            String name = p.required("Template.TemplateName");
            if (!templates.update(name, p.optional("Template.SubjectPart"), p.optional("Template.TextPart"), p.optional("Template.HtmlPart"))) {
                throw new TemplateDoesNotExistException(name);
            }
        });
        r.on("ListTemplates", (p, answer, call) -> listTemplates(p, answer));
        // DeleteTemplate documents no error: deleting a template that is not there succeeds.
        r.on("DeleteTemplate", (p, answer, call) -> templates.delete(p.required("TemplateName")));
        r.on("TestRenderTemplate", (p, answer, call) ->
                answer.element("RenderedTemplate", render(require(p.required("TemplateName")), p.required("TemplateData"))));
    }

    /** The stored template, or v1's {@code TemplateDoesNotExist}. */
    EmailTemplate require(String name) {
        return templates.get(name).orElseThrow(() -> new TemplateDoesNotExistException(name));
    }

    private void listTemplates(QueryParams p, QueryXml answer) {
        Page<EmailTemplate> page = Page.of(templates.list(), p.optional("NextToken"), pageSize(p.optional("MaxItems")), MAX_PAGE);
        answer.start("TemplatesMetadata");
        page.items().forEach(t -> answer.start("member").element("Name", t.name())
                .element("CreatedTimestamp", Instant.ofEpochMilli(t.createdAt()).toString()).end());
        answer.end().element("NextToken", page.nextToken());
    }

    private static String pageSize(String maxItems) {
        if (maxItems == null || maxItems.isBlank()) {
            return String.valueOf(DEFAULT_PAGE);
        }
        try {
            return Integer.parseInt(maxItems.strip()) > MAX_PAGE ? String.valueOf(MAX_PAGE) : maxItems;
        } catch (NumberFormatException e) {
            return maxItems; // Page refuses it, naming the value
        }
    }

    /** The message SendTemplatedEmail would build, without addresses, as TestRenderTemplate shows it. */
    private String render(EmailTemplate template, String templateData) {
        Templates.Rendered r = templates.render(template, templateData);
        try {
            MimeMessage message = new PreservingMimeMessage(session);
            message.setSentDate(new Date(clock.millis()));
            message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@email.amazonses.com>");
            message.setSubject(r.subject() == null ? "" : r.subject(), "UTF-8");
            if (r.text() != null && r.html() != null) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(part(r.text(), "plain"));
                alternative.addBodyPart(part(r.html(), "html"));
                message.setContent(alternative);
            } else if (r.html() != null || r.text() != null) {
                message.setText(r.html() != null ? r.html() : r.text(), "UTF-8", r.html() != null ? "html" : "plain");
            } else {
                throw new InvalidSesRequestException("Template " + template.name() + " has neither a text nor an HTML part.");
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (MessagingException | IOException e) {
            throw new InvalidSesRequestException("Template " + template.name() + " cannot be rendered as a message: " + e.getMessage());
        }
    }

    private static MimeBodyPart part(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        return part;
    }
}
