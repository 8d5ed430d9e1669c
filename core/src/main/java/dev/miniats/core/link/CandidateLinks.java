package dev.miniats.core.link;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the signed links the hiring mails carry: {@code <base>/candidate/<action>/<candidateId>?token=<token>}.
 * The runtime's candidate pages (or, on AWS, the page behind {@code MINI_ATS_ASSESSMENT_URL})
 * answer them. Immutable and thread-safe.
 */
public final class CandidateLinks {
    /** How long a mailed link works: long enough for an offer's and an assessment's deadlines. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);
    public static final String PATH = "/candidate/";

    private final String base;
    private final LinkSigner signer;
    private final Clock clock;
    private final Duration validity;

    public CandidateLinks(URI base, LinkSigner signer, Clock clock, Duration validity) {
        Objects.requireNonNull(base, "base");
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("the candidate link base is '" + base + "'; expected an http or https URL");
        }
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
    }

    /** The link for {@code candidateId} to take {@code action} about event {@code eventId}, valid from now for the validity. */
    public String url(String candidateId, CandidateAction action, String eventId) {
        String token = signer.sign(new LinkClaims(candidateId, action, eventId, clock.instant().plus(validity)));
        return base + PATH + action.pathName() + "/" + URLEncoder.encode(candidateId, StandardCharsets.UTF_8) + "?token=" + token;
    }

    public LinkSigner signer() {
        return signer;
    }
}
