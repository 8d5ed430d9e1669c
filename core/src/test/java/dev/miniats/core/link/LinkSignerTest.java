package dev.miniats.core.link;

import dev.miniats.core.link.InvalidLinkException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkSignerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final LinkSigner signer = new LinkSigner(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private String token(String candidate, CandidateAction action, Instant expires) {
        return signer.sign(new LinkClaims(candidate, action, "event-1", expires));
    }

    private Reason refusal(String token, String candidate, CandidateAction action) {
        try {
            signer.verify(token, candidate, action);
        } catch (InvalidLinkException e) {
            return e.reason();
        }
        throw new AssertionError("token was accepted: " + token);
    }

    @Test
    void a_genuine_token_gives_back_its_claims() {
        String token = token("ada@example.com", CandidateAction.ACCEPT_OFFER, NOW.plusSeconds(60));

        LinkClaims claims = signer.verify(token, "ada@example.com", CandidateAction.ACCEPT_OFFER);

        assertThat(claims).isEqualTo(new LinkClaims("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-1",
                NOW.plusSeconds(60)));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
    }

    @Test
    void a_token_signed_with_another_secret_is_forged() {
        byte[] other = Arrays.copyOf(SECRET, SECRET.length);
        other[0] ^= 1;
        String token = new LinkSigner(other, Clock.fixed(NOW, ZoneOffset.UTC))
                .sign(new LinkClaims("ada@example.com", CandidateAction.ACCEPT_OFFER, "event-1", NOW.plusSeconds(60)));

        assertThat(refusal(token, "ada@example.com", CandidateAction.ACCEPT_OFFER)).isEqualTo(Reason.FORGED);
    }

    @Test
    void changing_any_claim_breaks_the_signature() {
        String token = token("ada@example.com", CandidateAction.DECLINE_OFFER, NOW.plusSeconds(60));
        String signature = token.substring(token.indexOf('.'));
        String raised = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "v1\nada@example.com\noffer-accept\nevent-1\n9999999999".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(raised + signature, "ada@example.com", CandidateAction.ACCEPT_OFFER)).isEqualTo(Reason.FORGED);
    }

    @Test
    void a_token_at_or_after_its_expiry_is_expired() {
        assertThat(refusal(token("ada@example.com", CandidateAction.COMPLETE_ASSESSMENT, NOW), "ada@example.com",
                CandidateAction.COMPLETE_ASSESSMENT)).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void a_token_for_another_candidate_or_action_is_refused_as_such() {
        String token = token("ada@example.com", CandidateAction.ACCEPT_OFFER, NOW.plusSeconds(60));

        assertThat(refusal(token, "grace@example.com", CandidateAction.ACCEPT_OFFER)).isEqualTo(Reason.WRONG_CANDIDATE);
        assertThat(refusal(token, "ada@example.com", CandidateAction.DECLINE_OFFER)).isEqualTo(Reason.WRONG_ACTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "no-dot-at-all-here", "a.b", "dGVzdA.c2ln", "dGVzdGluZw.%%%%",
            "dGVzdGluZw.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra", "dGVzdGluZw..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "dGVzdGluZw=.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "dGVzdGluZw AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "<script>alert(1)</script>.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void a_token_of_the_wrong_shape_is_malformed(String token) {
        assertThat(refusal(token, "ada@example.com", CandidateAction.ACCEPT_OFFER)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void a_null_or_huge_token_is_malformed_and_never_decoded() {
        assertThat(refusal(null, "ada@example.com", CandidateAction.ACCEPT_OFFER)).isEqualTo(Reason.MALFORMED);
        assertThat(refusal("A".repeat(100_000) + ".x", "ada@example.com", CandidateAction.ACCEPT_OFFER)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void a_well_formed_random_token_is_forged() {
        String random = "dGVzdGluZw." + "A".repeat(43);
        assertThat(refusal(random, "ada@example.com", CandidateAction.ACCEPT_OFFER)).isEqualTo(Reason.FORGED);
    }

    @Test
    void a_second_spelling_of_a_genuine_token_is_refused() {
        String token = token("ada@example.com", CandidateAction.ACCEPT_OFFER, NOW.plusSeconds(60));
        char last = token.charAt(token.length() - 1);
        // the last character's two lowest bits are unused by base64: flipping them decodes to the same bytes
        char respelled = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) ^ 1);

        assertThat(refusal(token.substring(0, token.length() - 1) + respelled, "ada@example.com", CandidateAction.ACCEPT_OFFER))
                .isEqualTo(Reason.FORGED);
    }

    @Test
    void a_short_secret_is_refused_with_its_length() {
        assertThatThrownBy(() -> new LinkSigner(new byte[16], Clock.systemUTC()))
                .hasMessageContaining("16 bytes").hasMessageContaining("at least 32");
    }

    @Test
    void links_carry_the_action_the_url_encoded_candidate_and_a_verifiable_token() {
        CandidateLinks links = new CandidateLinks(URI.create("http://127.0.0.1:4599/"), signer,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));

        String url = links.url("ada+x@example.com", CandidateAction.CONFIRM_INTERVIEW, "e-9");

        assertThat(url).startsWith("http://127.0.0.1:4599/candidate/interview-confirm/ada%2Bx%40example.com?token=");
        String token = url.substring(url.indexOf("token=") + 6);
        assertThat(signer.verify(token, "ada+x@example.com", CandidateAction.CONFIRM_INTERVIEW).expires())
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
    }
}
