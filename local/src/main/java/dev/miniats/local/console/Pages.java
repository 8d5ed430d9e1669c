package dev.miniats.local.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import io.javalin.http.Context;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the console's Mustache templates ({@code dev/miniats/console/*.mustache}) with the same
 * engine as the emails. {@code {{x}}} HTML-escapes every value; the templates never use
 * {@code {{{x}}}}. Thread-safe: compiled templates are cached by the factory.
 */
final class Pages {
    /** Every page forbids inline and foreign scripts: a value that slips past escaping still cannot run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private final MustacheFactory mustache = new DefaultMustacheFactory("dev/miniats/console");
    private final ConsoleAccess access;

    Pages(ConsoleAccess access) {
        this.access = access;
    }

    /** A model with what every page needs: the CSRF token and which navigation entry is current. */
    Map<String, Object> model(String page, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("csrf", access.csrfToken());
        model.put("nav", Map.of(page, true));
        return model;
    }

    String render(String template, Map<String, ?> model) {
        StringWriter out = new StringWriter();
        mustache.compile(template + ".mustache").execute(out, model);
        return out.toString();
    }

    /** Epoch milliseconds as the console shows them: UTC, to the second. */
    static String time(long millis) {
        return TIME.format(java.time.Instant.ofEpochMilli(millis));
    }

    /** A whole-number query parameter, or {@code fallback} when absent or not a number. */
    static long number(Context ctx, String name, long fallback) {
        String raw = ctx.queryParam(name);
        try {
            return raw == null || raw.isBlank() ? fallback : Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    void send(Context ctx, String template, Map<String, ?> model) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.html(render(template, model));
    }
}
