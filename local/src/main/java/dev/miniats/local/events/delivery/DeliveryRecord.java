package dev.miniats.local.events.delivery;

/**
 * A delivery's state, for the event APIs, the dead-letter API and the console. {@code warning} says
 * what AWS would have refused about a delivery made anyway (a missing Lambda permission); null when nothing.
 */
public record DeliveryRecord(long id, String eventId, String rule, String target, String function, String status,
                             int attempts, String lastErrorCode, String lastErrorMessage, String result,
                             String deadLetterArn, long updatedAt, String warning) {
}
