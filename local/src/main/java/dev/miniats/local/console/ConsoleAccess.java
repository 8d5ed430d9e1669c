package dev.miniats.local.console;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who may use the console, and which requests may change state.
 *
 * <ul>
 *   <li>Bound to loopback (the default), anyone on this machine may read; the {@code Host} header
 *       must name loopback too, so a DNS-rebinding page cannot reach the console by another name.</li>
 *   <li>Bound to any other address, every request needs the login token: {@code ?token=} once, then
 *       an HttpOnly, SameSite=Strict cookie.</li>
 *   <li>Every POST must carry the per-process CSRF token (form field {@code _csrf} or header
 *       {@code X-CSRF-Token}) and must not come from another site ({@code Sec-Fetch-Site},
 *       {@code Origin}); see https://owasp.org/www-community/attacks/csrf.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class ConsoleAccess {
    static final String COOKIE = "ats_console";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String csrfToken;
    private final String loginToken;

    /**
     * @param loginToken the token to require, or null to generate one; ignored on loopback
     */
    ConsoleAccess(String bindAddress, String loginToken, SecureRandom random) {
        this.csrfToken = randomToken(random);
        this.loginToken = isLoopback(bindAddress) ? null
                : loginToken == null || loginToken.isBlank() ? randomToken(random) : loginToken;
    }

    String csrfToken() {
        return csrfToken;
    }

    /** The token a browser must present once, or null when the console is on loopback only. */
    String loginToken() {
        return loginToken;
    }

    /**
     * Lets the request through, or answers it (401, 403 or a redirect) and returns false.
     */
    boolean admit(Context ctx) {
        if (loginToken == null && !LOOPBACK_NAMES.contains(hostName(ctx.host()))) {
            return refuse(ctx, 403, "This console answers only to localhost, 127.0.0.1 or [::1].");
        }
        if (loginToken != null && !equal(loginToken, ctx.cookie(COOKIE))) {
            if (equal(loginToken, ctx.queryParam("token"))) {
                ctx.header("Set-Cookie", COOKIE + "=" + loginToken + "; Path=/; HttpOnly; SameSite=Strict");
                ctx.redirect(ctx.path());
                return false;
            }
            return refuse(ctx, 401, "This console needs its token: open the console URL printed when mini-ats started.");
        }
        if ("POST".equals(ctx.method().name())) {
            String site = ctx.header("Sec-Fetch-Site");
            if (site != null && !site.equals("same-origin") && !site.equals("none")) {
                return refuse(ctx, 403, "Cross-site request refused.");
            }
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equalsIgnoreCase("http://" + ctx.host()) && !origin.equalsIgnoreCase("https://" + ctx.host())) {
                return refuse(ctx, 403, "Request from another origin refused.");
            }
            String presented = ctx.header(CSRF_HEADER) != null ? ctx.header(CSRF_HEADER) : ctx.formParam(CSRF_FIELD);
            if (!equal(csrfToken, presented)) {
                return refuse(ctx, 403, "The form is stale or was not sent by this console: reload the page and try again.");
            }
        }
        return true;
    }

    private static boolean refuse(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
        return false;
    }

    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    static boolean isLoopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean equal(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomToken(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
