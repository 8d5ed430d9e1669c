package dev.miniats.local.events.delivery;

import java.util.Objects;

/**
 * One (event, rule, target) delivery as the dispatcher works on it.
 *
 * @param id            the row id in {@code deliveries}
 * @param eventId       the EventBridge event id
 * @param rule          the matched rule's name
 * @param target        the target's id within the rule
 * @param function      the Lambda function to invoke; null when the target is not a Lambda function
 * @param payload       what the target receives: the event, or its transformed input
 * @param traceHeader   the X-Ray trace header to hand to the invocation; may be null
 * @param attempts      attempts made so far
 * @param maxAttempts   total attempts allowed (1 + MaximumRetryAttempts)
 * @param nextAttemptAt epoch millis of the next attempt
 * @param expiresAt     epoch millis after which no attempt is made (MaximumEventAgeInSeconds)
 */
public record Delivery(long id, String eventId, String rule, String target, String function, String payload,
                       String traceHeader, int attempts, int maxAttempts, long nextAttemptAt, long expiresAt) {
    public Delivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(payload, "payload");
    }

    Delivery retry(int attemptsMade, long next) {
        return new Delivery(id, eventId, rule, target, function, payload, traceHeader, attemptsMade, maxAttempts, next, expiresAt);
    }
}
