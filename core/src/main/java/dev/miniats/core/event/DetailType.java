package dev.miniats.core.event;

import java.util.Arrays;
import java.util.Optional;

/** The {@code detail-type} values of the hiring pipeline, as they appear on the wire. */
public enum DetailType {
    SEND_ASSESSMENT("send-assessment"),
    SCHEDULE_INTERVIEW("schedule-interview"),
    RESCHEDULE_INTERVIEW("reschedule-interview"),
    CANCEL_INTERVIEW("cancel-interview"),
    SEND_OFFER_LETTER("send-offer-letter");

    private final String wireName;

    DetailType(String wireName) {
        this.wireName = wireName;
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
