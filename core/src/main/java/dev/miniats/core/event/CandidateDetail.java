package dev.miniats.core.event;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code detail} of every hiring event. The brief's three fields ({@code toEmail},
 * {@code fromEmail}, {@code companyName}) are required; everything else has a default, documented
 * on {@link HiringEvents#parse}. Stage objects are always present after parsing, defaults filled.
 */
public record CandidateDetail(EmailAddress toEmail, EmailAddress fromEmail, String companyName,
                              String candidateId, String candidateName,
                              Assessment assessment, Interview interview, Offer offer, Partner partner) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_ID_LENGTH = 128;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._@+:-]{1," + MAX_ID_LENGTH + "}");

    public CandidateDetail {
        Objects.requireNonNull(toEmail, "toEmail");
        Objects.requireNonNull(fromEmail, "fromEmail");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(candidateName, "candidateName");
        Objects.requireNonNull(assessment, "assessment");
        Objects.requireNonNull(interview, "interview");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(partner, "partner");
        if (!ID.matcher(candidateId).matches()) {
            throw new InvalidEventException("detail.candidateId", candidateId,
                    "1 to " + MAX_ID_LENGTH + " characters of letters, digits and . _ @ + : -");
        }
    }

    /** False when the name is only the address (a role mailbox without a {@code candidateName}): greet without a name. */
    public boolean hasGivenName() {
        return !candidateName.equalsIgnoreCase(toEmail.address());
    }

    /** The default candidate id: the recipient address, lower-cased, so one person is one candidate. */
    static String defaultCandidateId(EmailAddress toEmail) {
        return toEmail.address().toLowerCase(Locale.ROOT);
    }

    /**
     * Shared and role mailboxes ({@code email@}, {@code info@}, {@code hr@}, …): their local part
     * is no one's name, so no name is made up from it.
     */
    private static final java.util.Set<String> ROLE_MAILBOXES = java.util.Set.of("email", "mail", "info", "hr", "jobs", "job",
            "careers", "career", "contact", "admin", "office", "hello", "team", "recruiting", "recruitment", "talent", "hiring",
            "noreply", "no-reply", "support", "sales", "candidate", "candidates", "applicant", "test", "user", "me", "inbox");

    /**
     * "ada.lovelace@example.com" becomes "Ada Lovelace": a greeting that reads like a name. A role
     * mailbox ({@code email@criteriacorp.com}) keeps its address as the name, and
     * {@link #hasGivenName()} is false, so mail greets "Hello," instead of "Hello Email,".
     */
    static String defaultCandidateName(EmailAddress toEmail) {
        if (ROLE_MAILBOXES.contains(toEmail.localPart().toLowerCase(Locale.ROOT))) {
            return toEmail.address();
        }
        StringBuilder name = new StringBuilder();
        for (String part : toEmail.localPart().split("[._+-]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return name.isEmpty() ? toEmail.localPart() : name.toString();
    }
}
