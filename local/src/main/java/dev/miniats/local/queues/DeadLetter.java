package dev.miniats.local.queues;

import dev.miniats.local.events.delivery.DeliveryRecord;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message in a dead-letter queue.
 *
 * @param deliveryId the delivery it came from ({@link DeadLetterQueues#DELIVERY_ID}); null for a message sent by anyone else
 * @param attributes its String message attributes (RULE_ARN, ERROR_CODE, ...)
 * @param delivery   that delivery's record; null when unknown
 */
public record DeadLetter(String queueArn, String messageId, Long deliveryId, String body, Map<String, String> attributes,
                         Instant sentAt, int receiveCount, DeliveryRecord delivery) {
    public DeadLetter {
        Objects.requireNonNull(queueArn, "queueArn");
        Objects.requireNonNull(messageId, "messageId");
        attributes = Map.copyOf(attributes);
    }

    /** The queue's name, the last part of its ARN. */
    public String queueName() {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }
}
