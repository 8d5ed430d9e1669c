package dev.miniats.core.link;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Signs and verifies candidate link tokens: {@code base64url(claims) "." base64url(HMAC-SHA256(claims))},
 * where the claims are {@code v1}, candidate id, action, event id and expiry (epoch seconds)
 * joined by LF. The signature is checked (in constant time) before any claim is trusted, so a
 * forged token learns nothing. No I/O: the secret is handed in. Immutable and thread-safe.
 */
public final class LinkSigner {
    public static final int MIN_SECRET_BYTES = 32;
    /** Longer than any token this signer issues; longer input is refused before decoding. */
    static final int MAX_TOKEN_LENGTH = 512;
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{8,400}\\.[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public LinkSigner(byte[] secret, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the link secret has " + (secret == null ? 0 : secret.length)
                    + " bytes; expected at least " + MIN_SECRET_BYTES);
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
    }

    public String sign(LinkClaims claims) {
        byte[] payload = String.join("\n", VERSION, claims.candidateId(), claims.action().pathName(), claims.eventId(),
                Long.toString(claims.expires().getEpochSecond())).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /**
     * The claims of {@code token} when it is genuine, unexpired and issued for this candidate and action.
     *
     * @throws InvalidLinkException naming the first reason it is refused
     */
    public LinkClaims verify(String token, String candidateId, CandidateAction action) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !SHAPE.matcher(token).matches()) {
            throw new InvalidLinkException(InvalidLinkException.Reason.MALFORMED);
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException(InvalidLinkException.Reason.MALFORMED);
        }
        // Base64 ignores the unused low bits of the last character; requiring the canonical spelling
        // keeps one token per claim set, so no second spelling of a genuine token is accepted.
        boolean canonical = ENCODER.encodeToString(payload).equals(token.substring(0, dot))
                && ENCODER.encodeToString(signature).equals(token.substring(dot + 1));
        if (!canonical || !MessageDigest.isEqual(mac(payload), signature)) {
            throw new InvalidLinkException(InvalidLinkException.Reason.FORGED);
        }
        LinkClaims claims = parse(new String(payload, StandardCharsets.UTF_8));
        if (!claims.candidateId().equals(candidateId)) {
            throw new InvalidLinkException(InvalidLinkException.Reason.WRONG_CANDIDATE);
        }
        if (claims.action() != action) {
            throw new InvalidLinkException(InvalidLinkException.Reason.WRONG_ACTION);
        }
        if (!clock.instant().isBefore(claims.expires())) {
            throw new InvalidLinkException(InvalidLinkException.Reason.EXPIRED);
        }
        return claims;
    }

    /** Only reached with a genuine signature, so a parse failure means another version or a bug: malformed. */
    private static LinkClaims parse(String payload) {
        String[] parts = payload.split("\n", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw new InvalidLinkException(InvalidLinkException.Reason.MALFORMED);
        }
        try {
            CandidateAction action = CandidateAction.fromPathName(parts[2])
                    .orElseThrow(() -> new InvalidLinkException(InvalidLinkException.Reason.MALFORMED));
            return new LinkClaims(parts[1], action, parts[3], Instant.ofEpochSecond(Long.parseLong(parts[4])));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidLinkException(InvalidLinkException.Reason.MALFORMED);
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
