package dev.miniats.core.event;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The offer stage.
 *
 * @param position     job title; defaults to "the position you applied for"
 * @param compensation free text such as "EUR 72,000 per year"; may be null
 * @param startDate    first working day; may be null
 * @param respondBy    last day to accept; defaults to 14 days after the event
 * @param acceptLink   where the candidate accepts; may be null
 */
public record Offer(String position, String compensation, LocalDate startDate, LocalDate respondBy, String acceptLink) {
    public static final int DEFAULT_DAYS_TO_RESPOND = 14;
    public static final String DEFAULT_POSITION = "the position you applied for";

    public Offer {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(respondBy, "respondBy");
    }
}
