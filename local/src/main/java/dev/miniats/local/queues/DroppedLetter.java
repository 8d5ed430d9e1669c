package dev.miniats.local.queues;

import dev.miniats.local.events.delivery.DeliveryRecord;

import java.util.Objects;

/**
 * A delivery that failed for good and reached no queue, as EventBridge drops it.
 *
 * @param queueArn the dead-letter queue it could not be sent to; null when its target has none
 * @param reason   why it was dropped
 */
public record DroppedLetter(DeliveryRecord delivery, String queueArn, String reason) {
    public DroppedLetter {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(reason, "reason");
    }
}
