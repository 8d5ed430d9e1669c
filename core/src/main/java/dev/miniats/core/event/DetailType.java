package dev.miniats.core.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code detail-type} values of the hiring pipeline, as they appear on the wire: what the
 * hiring team publishes ({@link #fromHiringTeam()} true) and the candidate's answers, which the
 * candidate pages publish through PutEvents like any other event.
 */
public enum DetailType {
    SEND_ASSESSMENT("send-assessment", true),
    SCHEDULE_INTERVIEW("schedule-interview", true),
    RESCHEDULE_INTERVIEW("reschedule-interview", true),
    CANCEL_INTERVIEW("cancel-interview", true),
    SEND_OFFER_LETTER("send-offer-letter", true),
    /** The hiring team ends the candidate's process: a kind rejection mail; the reason stays internal. */
    REJECT_CANDIDATE("reject-candidate", true),
    CANDIDATE_APPLIED("candidate-applied", false),
    /** Carries {@code assessment.score}. */
    ASSESSMENT_COMPLETED("assessment-completed", false),
    INTERVIEW_CONFIRMED("interview-confirmed", false),
    INTERVIEW_DECLINED("interview-declined", false),
    INTERVIEW_RESCHEDULE_REQUESTED("interview-reschedule-requested", false),
    OFFER_ACCEPTED("offer-accepted", false),
    OFFER_DECLINED("offer-declined", false),
    CANDIDATE_WITHDREW("candidate-withdrew", false);

    private final String wireName;
    private final boolean fromHiringTeam;

    DetailType(String wireName, boolean fromHiringTeam) {
        this.wireName = wireName;
        this.fromHiringTeam = fromHiringTeam;
    }

    /** True for what the hiring team publishes; false for a candidate's answer. */
    public boolean fromHiringTeam() {
        return fromHiringTeam;
    }

    /** The exact string used as EventBridge {@code detail-type}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<DetailType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
