package dev.miniats.core.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.MustacheResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Renders emails from Mustache templates: for a template named {@code send-assessment} the files
 * {@code send-assessment.subject.mustache}, {@code .txt.mustache} and {@code .html.mustache}.
 * A company edits them by putting files of the same name in an override directory; missing ones
 * fall back to the built-in set. HTML templates escape every value; text and subject templates
 * do not (they are not HTML), and a subject is refused if it renders to more than one line.
 *
 * <p>Thread-safe: compiled templates are cached by the Mustache factories.
 */
public final class EmailTemplates {
    private static final String BUILT_IN = "dev/miniats/templates/email/";

    private final MustacheFactory html;
    private final MustacheFactory plain;

    private EmailTemplates(Optional<Path> overrideDir) {
        MustacheResolver resolver = name -> open(overrideDir, name);
        this.html = new DefaultMustacheFactory(resolver);
        this.plain = new DefaultMustacheFactory(resolver) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    public static EmailTemplates builtIn() {
        return new EmailTemplates(Optional.empty());
    }

    /** Templates from {@code dir} first, then the built-in ones. */
    public static EmailTemplates withOverrides(Path dir) {
        return new EmailTemplates(Optional.of(dir));
    }

    public EmailContent render(String template, Map<String, ?> model) {
        String subject = execute(plain, template + ".subject.mustache", model).strip();
        return new EmailContent(subject,
                execute(plain, template + ".txt.mustache", model),
                execute(html, template + ".html.mustache", model));
    }

    /**
     * Renders one HTML document template, such as {@code send-offer-letter.pdf.mustache}, with
     * every value HTML-escaped; the same override directory applies.
     */
    public String renderHtml(String templateFile, Map<String, ?> model) {
        return execute(html, templateFile, model);
    }

    private static String execute(MustacheFactory factory, String name, Map<String, ?> model) {
        Mustache mustache = factory.compile(name);
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }

    private static Reader open(Optional<Path> overrideDir, String name) {
        if (name.contains("..") || name.startsWith("/")) {
            throw new TemplateNotFoundException(name);
        }
        if (overrideDir.isPresent()) {
            Path file = overrideDir.get().resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return new StringReader(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read email template " + file, e);
                }
            }
        }
        InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(BUILT_IN + name);
        if (in == null) {
            throw new TemplateNotFoundException(name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
