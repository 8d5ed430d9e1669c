package dev.miniats.core.pipeline;

import dev.miniats.core.event.DetailType;

import java.util.Arrays;
import java.util.Optional;

/** A step in a candidate's pipeline, as the record-pipeline function derives it from an event. */
public enum Stage {
    APPLIED("applied"),
    ASSESSMENT_SENT("assessment sent"),
    ASSESSMENT_COMPLETED("assessment completed"),
    INTERVIEW_SCHEDULED("interview scheduled"),
    INTERVIEW_CONFIRMED("interview confirmed"),
    INTERVIEW_DECLINED("interview declined"),
    INTERVIEW_RESCHEDULE_REQUESTED("interview reschedule requested"),
    INTERVIEW_RESCHEDULED("interview rescheduled"),
    INTERVIEW_CANCELLED("interview cancelled"),
    OFFER_SENT("offer sent"),
    HIRED("hired"),
    OFFER_DECLINED("offer declined"),
    REJECTED("rejected"),
    WITHDRAWN("withdrawn"),
    /** A partner company's event: it goes to the partner's roster, not to the candidate. */
    PARTNER_ROSTER("partner roster"),
    /** A bare detail, invoked without an EventBridge envelope: its detail-type is unknown. */
    RECEIVED("received");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** How the stage is stored and shown, e.g. {@code interview scheduled}. */
    public String label() {
        return label;
    }

    /** The stage an event stands for: its detail-type, or {@link #PARTNER_ROSTER} for a partner's event. */
    public static Stage of(Optional<DetailType> detailType, boolean partner) {
        if (partner) {
            return PARTNER_ROSTER;
        }
        return detailType.map(type -> switch (type) {
            case SEND_ASSESSMENT -> ASSESSMENT_SENT;
            case SCHEDULE_INTERVIEW -> INTERVIEW_SCHEDULED;
            case RESCHEDULE_INTERVIEW -> INTERVIEW_RESCHEDULED;
            case CANCEL_INTERVIEW -> INTERVIEW_CANCELLED;
            case SEND_OFFER_LETTER -> OFFER_SENT;
            case REJECT_CANDIDATE -> REJECTED;
            case CANDIDATE_APPLIED -> APPLIED;
            case ASSESSMENT_COMPLETED -> Stage.ASSESSMENT_COMPLETED;
            case INTERVIEW_CONFIRMED -> Stage.INTERVIEW_CONFIRMED;
            case INTERVIEW_DECLINED -> Stage.INTERVIEW_DECLINED;
            case INTERVIEW_RESCHEDULE_REQUESTED -> Stage.INTERVIEW_RESCHEDULE_REQUESTED;
            case OFFER_ACCEPTED -> HIRED;
            case OFFER_DECLINED -> Stage.OFFER_DECLINED;
            case CANDIDATE_WITHDREW -> WITHDRAWN;
        }).orElse(RECEIVED);
    }

    public static Optional<Stage> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}
