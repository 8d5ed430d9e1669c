package dev.miniats.local.bus;

/** A delivery's state, for the event APIs and the console. */
public record DeliveryRecord(long id, String eventId, String rule, String target, String status, int attempts,
                             String lastErrorCode, String lastErrorMessage, String result, long updatedAt) {
}
