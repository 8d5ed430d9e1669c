package dev.miniats.core.link;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a candidate link's token vouches for.
 *
 * @param candidateId the candidate the link was mailed to
 * @param action      what the link lets them do
 * @param eventId     the event whose mail carried the link (the answer refers to it)
 * @param expires     after this instant the link is refused
 */
public record LinkClaims(String candidateId, CandidateAction action, String eventId, Instant expires) {
    /** Ids are joined with LF inside the token, so they are single-token characters only. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._@+:-]{1,128}");

    public LinkClaims {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(expires, "expires");
        if (candidateId == null || !ID.matcher(candidateId).matches()) {
            throw new IllegalArgumentException("candidateId is '" + candidateId
                    + "'; expected 1 to 128 letters, digits and . _ @ + : -");
        }
        if (eventId == null || !ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("eventId is '" + eventId + "'; expected 1 to 128 letters, digits and . _ @ + : -");
        }
    }
}
