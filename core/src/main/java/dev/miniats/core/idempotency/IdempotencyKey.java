package dev.miniats.core.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Identifies one effect by business fields, not by event id, so two different events for the
 * same interview are one effect. See {@link HiringIdempotencyKeys} for the keys in use.
 *
 * @param value          the key, at most 1024 characters (DynamoDB allows 2048 bytes)
 * @param payloadHash    SHA-256 (hex) of the effect's payload; the same key with another payload
 *                       is refused with {@link IdempotencyKeyMismatchException}
 * @param mismatchAdvice what to do instead when the payload differs, shown in that exception
 */
public record IdempotencyKey(String value, String payloadHash, String mismatchAdvice) {
    public static final int MAX_LENGTH = 1024;

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(mismatchAdvice, "mismatchAdvice");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("idempotency key has " + value.length() + " characters; expected 1 to " + MAX_LENGTH);
        }
    }

    /** A key whose payload hash is the SHA-256 of {@code canonicalPayload}. */
    public static IdempotencyKey of(String value, String canonicalPayload, String mismatchAdvice) {
        return new IdempotencyKey(value, sha256(canonicalPayload), mismatchAdvice);
    }

    /**
     * The key the effect's message carries to the mail service ({@code MimeEmails#MESSAGE_KEY_HEADER}):
     * SHA-256 (hex) of the key and its payload hash, so it names this effect and nothing else,
     * and shows no business field (the key holds the candidate id) to whoever reads the headers.
     * The local SES sends one message per message key, which makes the effect itself idempotent.
     */
    public String messageKey() {
        return sha256(value + "\n" + payloadHash);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
