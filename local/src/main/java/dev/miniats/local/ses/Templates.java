package dev.miniats.local.ses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SES v2 email templates, kept in SQLite, and their rendering. SES substitutes {@code {{var}}}
 * (and dotted paths, sections) from the TemplateData JSON object, a missing value rendering as
 * nothing (https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-api.html). Mustache
 * does the same; HTML parts escape values, subject and text parts do not (they are not HTML).
 * Thread-safe.
 */
public final class Templates {
    private final Database db;
    private final Clock clock;
    private final MustacheFactory html = new DefaultMustacheFactory();
    private final MustacheFactory plain = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    public Templates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The rendered parts of a template. */
    public record Rendered(String subject, String text, String html) {
        /** The message that sends these parts, all UTF-8, as both SES APIs do for a template. */
        LocalSes.Simple simple(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo) {
            return new LocalSes.Simple(from, to, cc, bcc, replyTo, subject == null ? "" : subject, "UTF-8", text, "UTF-8", html, "UTF-8");
        }
    }

    public EmailTemplate create(String name, String subject, String text, String html) {
        requireName(name);
        if (get(name).isPresent()) {
            throw new SesAlreadyExistsException("Template " + name + " already exists.");
        }
        EmailTemplate template = new EmailTemplate(name, subject, text, html, clock.millis());
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO ses_templates (name, subject, text_part, html_part, created_at) VALUES (?,?,?,?,?)")) {
                s.setString(1, name);
                s.setString(2, subject);
                s.setString(3, text);
                s.setString(4, html);
                s.setLong(5, template.createdAt());
                return s.executeUpdate();
            }
        });
        return template;
    }

    public Optional<EmailTemplate> get(String name) {
        return query("SELECT name, subject, text_part, html_part, created_at FROM ses_templates WHERE name=?", name).stream().findFirst();
    }

    /** The template, or SES v2's {@code NotFoundException}; SES v1 answers its own {@link TemplateDoesNotExistException}. */
    public EmailTemplate require(String name) {
        return get(name).orElseThrow(() -> notFound(name));
    }

    static SesNotFoundException notFound(String name) {
        return new SesNotFoundException("Template " + name + " does not exist.");
    }

    public List<EmailTemplate> list() {
        return query("SELECT name, subject, text_part, html_part, created_at FROM ses_templates ORDER BY name", null);
    }

    /** Replaces a template's parts, keeping its creation time; false when there is no such template. */
    public boolean update(String name, String subject, String text, String html) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ses_templates SET subject=?, text_part=?, html_part=? WHERE name=?")) {
                s.setString(1, subject);
                s.setString(2, text);
                s.setString(3, html);
                s.setString(4, name);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Deletes a template; false when there was none. */
    public boolean delete(String name) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ses_templates WHERE name=?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Renders a template with {@code templateData}, a JSON object as a string (SES's TemplateData). */
    public Rendered render(EmailTemplate template, String templateData) {
        Map<String, Object> model = model(templateData);
        return new Rendered(
                template.subject() == null ? null : execute(plain, template.name() + ".subject", template.subject(), model).strip(),
                template.text() == null ? null : execute(plain, template.name() + ".text", template.text(), model),
                template.html() == null ? null : execute(html, template.name() + ".html", template.html(), model));
    }

    private static Map<String, Object> model(String templateData) {
        if (templateData == null || templateData.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(templateData);
            if (node == null || !node.isObject()) {
                throw new InvalidSesRequestException("TemplateData must be a JSON object.");
            }
            return Json.MAPPER.convertValue(node, Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        } catch (JsonProcessingException e) {
            throw new InvalidSesRequestException("TemplateData is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String execute(MustacheFactory factory, String name, String source, Map<String, Object> model) {
        try {
            StringWriter out = new StringWriter();
            // compile(Reader, name) does not cache: a template deleted and created again renders anew.
            factory.compile(new StringReader(source), name).execute(out, model);
            return out.toString();
        } catch (MustacheException e) {
            throw new InvalidSesRequestException("Template " + name + " cannot be rendered: " + e.getMessage());
        }
    }

    private static void requireName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidSesRequestException("Template name must be 1 to 64 letters, digits, '_' or '-': " + name);
        }
    }

    private List<EmailTemplate> query(String sql, String arg) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (arg != null) {
                    s.setString(1, arg);
                }
                List<EmailTemplate> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new EmailTemplate(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5)));
                    }
                }
                return out;
            }
        });
    }
}
