package dev.miniats.core.link;

import dev.miniats.core.event.DetailType;

import java.util.Arrays;
import java.util.Optional;

/** What a signed candidate link lets its candidate do, and the event the action publishes. */
public enum CandidateAction {
    COMPLETE_ASSESSMENT("assessment", DetailType.ASSESSMENT_COMPLETED),
    ACCEPT_OFFER("offer-accept", DetailType.OFFER_ACCEPTED),
    DECLINE_OFFER("offer-decline", DetailType.OFFER_DECLINED),
    CONFIRM_INTERVIEW("interview-confirm", DetailType.INTERVIEW_CONFIRMED),
    RESCHEDULE_INTERVIEW("interview-reschedule", DetailType.INTERVIEW_RESCHEDULE_REQUESTED),
    DECLINE_INTERVIEW("interview-decline", DetailType.INTERVIEW_DECLINED),
    /** The candidate ends their own process: stage Withdrawn. */
    WITHDRAW("withdraw", DetailType.CANDIDATE_WITHDREW);

    private final String pathName;
    private final DetailType publishes;

    CandidateAction(String pathName, DetailType publishes) {
        this.pathName = pathName;
        this.publishes = publishes;
    }

    /** The action as it appears in a link's path and inside its token, e.g. {@code offer-accept}. */
    public String pathName() {
        return pathName;
    }

    /** The detail-type the action puts on the bus. */
    public DetailType publishes() {
        return publishes;
    }

    public static Optional<CandidateAction> fromPathName(String name) {
        return Arrays.stream(values()).filter(a -> a.pathName.equals(name)).findFirst();
    }
}
