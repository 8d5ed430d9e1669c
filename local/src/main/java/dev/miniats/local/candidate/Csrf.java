package dev.miniats.local.candidate;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Double-submit CSRF protection for the candidate forms: a random cookie (HttpOnly, SameSite=Lax)
 * must come back equal in the form's {@code csrf} field, which another site can neither read nor
 * set. Thread-safe.
 */
final class Csrf {
    static final String COOKIE = "ats_candidate_csrf";
    private final SecureRandom random = new SecureRandom();

    /** The browser's token, set as a cookie on first sight. */
    String token(Context ctx) {
        String current = ctx.cookie(COOKIE);
        if (current != null && current.matches("[A-Za-z0-9_-]{43}")) {
            return current;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Cookie cookie = new Cookie(COOKIE, fresh);
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setSameSite(SameSite.LAX);
        ctx.cookie(cookie);
        return fresh;
    }

    boolean valid(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        String field = ctx.formParam("csrf");
        return cookie != null && field != null
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }
}
