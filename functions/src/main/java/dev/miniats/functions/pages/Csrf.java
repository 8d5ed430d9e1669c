package dev.miniats.functions.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Double-submit CSRF protection for the candidate forms: a random cookie (HttpOnly, SameSite=Lax)
 * must come back equal in the form's {@code csrf} field, which another site can neither read nor
 * set. Thread-safe.
 */
final class Csrf {
    static final String COOKIE = "ats_candidate_csrf";
    private final SecureRandom random = new SecureRandom();

    /** The browser's token; a fresh one is added to {@code setCookies} on first sight. */
    String token(PageRequest request, List<String> setCookies) {
        String current = request.cookie(COOKIE);
        if (current != null && current.matches("[A-Za-z0-9_-]{43}")) {
            return current;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        setCookies.add(COOKIE + "=" + fresh + "; Path=/; HttpOnly; SameSite=Lax");
        return fresh;
    }

    boolean valid(PageRequest request) {
        String cookie = request.cookie(COOKIE);
        String field = request.form("csrf");
        return cookie != null && field != null
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }
}
