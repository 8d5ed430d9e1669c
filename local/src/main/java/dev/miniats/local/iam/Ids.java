package dev.miniats.local.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * IAM's identifiers as IAM shapes them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids):
 * a four-letter prefix ({@code AROA} role, {@code ANPA} managed policy, {@code ASIA} temporary
 * access key) and upper-case base32 characters. Thread-safe when {@code random} is.
 */
final class Ids {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final RandomGenerator random;

    Ids(RandomGenerator random) {
        this.random = random;
    }

    String roleId() {
        return "AROA" + chars(17);
    }

    String policyId() {
        return "ANPA" + chars(17);
    }

    /** A temporary access key id: 20 characters like STS's. */
    String temporaryAccessKeyId() {
        return "ASIA" + chars(16);
    }

    /** A 40-character secret access key. */
    String secretAccessKey() {
        return base64(30);
    }

    /** A session token; STS's are opaque base64 of a few hundred bytes. */
    String sessionToken() {
        return base64(240);
    }

    /** The same id for the same name on every start: AWS managed policies' ids never change. */
    static String stablePolicyId(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder("ANPA");
            for (int i = 0; i < 17; i++) {
                b.append(BASE32[(hash[i] & 0xff) % 32]);
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String chars(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return b.toString();
    }

    private String base64(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }
}
