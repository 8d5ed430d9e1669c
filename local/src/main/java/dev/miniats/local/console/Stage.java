package dev.miniats.local.console;

import java.util.List;
import java.util.Optional;

/** Where a candidate stands in the hiring pipeline, in funnel order. */
enum Stage {
    APPLIED("applied", "Applied"),
    ASSESSMENT_SENT("assessment-sent", "Assessment sent"),
    INTERVIEW_SCHEDULED("interview-scheduled", "Interview scheduled"),
    OFFER_SENT("offer-sent", "Offer sent"),
    PARTNER_ROSTER("partner-roster", "Partner roster");

    private final String key;
    private final String label;

    Stage(String key, String label) {
        this.key = key;
        this.label = label;
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    static Optional<Stage> fromKey(String key) {
        for (Stage s : values()) {
            if (s.key.equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The stage an event puts its candidate in. Partner companies' candidates go to the roster
     * whatever the event (the email rules skip them); a cancelled interview sends the candidate
     * back to "applied", with no step in progress.
     */
    static Stage after(String detailType, String companyName, List<String> partners) {
        if (companyName != null && partners.stream().anyMatch(p -> p.equalsIgnoreCase(companyName.strip()))) {
            return PARTNER_ROSTER;
        }
        return switch (detailType == null ? "" : detailType) {
            case "send-assessment" -> ASSESSMENT_SENT;
            case "schedule-interview", "reschedule-interview" -> INTERVIEW_SCHEDULED;
            case "send-offer-letter" -> OFFER_SENT;
            default -> APPLIED;
        };
    }

    /** The detail-types a recruiter would send next from this stage. */
    List<String> nextSteps() {
        return switch (this) {
            case APPLIED -> List.of("send-assessment", "schedule-interview");
            case ASSESSMENT_SENT -> List.of("schedule-interview", "send-offer-letter");
            case INTERVIEW_SCHEDULED -> List.of("reschedule-interview", "cancel-interview", "send-offer-letter");
            case OFFER_SENT, PARTNER_ROSTER -> List.of();
        };
    }
}
