package dev.miniats.local.events.delivery;

/**
 * Where a delivery goes once it has failed for good: its target's dead-letter queue, or nowhere
 * (dropped, as EventBridge drops it). Called after the delivery is recorded dead, so a sink that
 * fails loses no record of the failure.
 */
@FunctionalInterface
public interface DeadLetterSink {
    /** Drops every dead letter (only the delivery's record keeps it). */
    DeadLetterSink NONE = (delivery, attempts, errorCode, errorMessage, exhaustedRetryCondition) -> { };

    /**
     * @param attempts                attempts made (retries + 1)
     * @param exhaustedRetryCondition {@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds}
     *                                when the retry policy ran out; null for a permanent failure
     */
    void deadLettered(Delivery delivery, int attempts, String errorCode, String errorMessage, String exhaustedRetryCondition);
}
