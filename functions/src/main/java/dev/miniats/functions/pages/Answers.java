package dev.miniats.functions.pages;

import dev.miniats.core.event.DetailType;
import dev.miniats.core.link.CandidateAction;

/** What the candidate pages call each action and each recorded answer. Stateless. */
final class Answers {
    private Answers() {
    }

    static String title(CandidateAction action) {
        return switch (action) {
            case COMPLETE_ASSESSMENT -> "Your assessment";
            case ACCEPT_OFFER -> "Accept your offer";
            case DECLINE_OFFER -> "Decline the offer";
            case CONFIRM_INTERVIEW -> "Confirm your interview";
            case RESCHEDULE_INTERVIEW -> "Ask for another interview time";
            case DECLINE_INTERVIEW -> "Decline the interview";
            case WITHDRAW -> "Withdraw your application";
        };
    }

    static String describe(String detailType) {
        return DetailType.fromWireName(detailType).map(type -> switch (type) {
            case ASSESSMENT_COMPLETED -> "your completed assessment";
            case OFFER_ACCEPTED -> "that you accepted the offer";
            case OFFER_DECLINED -> "that you declined the offer";
            case INTERVIEW_CONFIRMED -> "that you will attend the interview";
            case INTERVIEW_RESCHEDULE_REQUESTED -> "that you asked for another interview time";
            case INTERVIEW_DECLINED -> "that you declined the interview";
            case CANDIDATE_WITHDREW -> "that you withdrew your application";
            case CANDIDATE_APPLIED -> "your application";
            default -> "your answer";
        }).orElse("your answer");
    }
}
