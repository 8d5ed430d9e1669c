package dev.miniats.local.events.delivery;

/** A delivery's state, for the event APIs, the dead-letter API and the console. */
public record DeliveryRecord(long id, String eventId, String rule, String target, String function, String status,
                             int attempts, String lastErrorCode, String lastErrorMessage, String result,
                             String deadLetterArn, long updatedAt) {
}
