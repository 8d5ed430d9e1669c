package dev.miniats.core.routing;

import java.time.Duration;

/**
 * A target's retry policy, with EventBridge's bounds and defaults
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html).
 */
public record RetryPolicy(int maximumRetryAttempts, int maximumEventAgeSeconds) {
    public static final int MAX_RETRY_ATTEMPTS = 185;
    public static final int MIN_EVENT_AGE_SECONDS = 60;
    public static final int MAX_EVENT_AGE_SECONDS = 86_400;

    /** EventBridge's default: 185 attempts within 24 hours. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(MAX_RETRY_ATTEMPTS, MAX_EVENT_AGE_SECONDS);

    public RetryPolicy {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > MAX_RETRY_ATTEMPTS) {
            throw new IllegalArgumentException("MaximumRetryAttempts is " + maximumRetryAttempts
                    + "; expected 0 to " + MAX_RETRY_ATTEMPTS);
        }
        if (maximumEventAgeSeconds < MIN_EVENT_AGE_SECONDS || maximumEventAgeSeconds > MAX_EVENT_AGE_SECONDS) {
            throw new IllegalArgumentException("MaximumEventAgeInSeconds is " + maximumEventAgeSeconds
                    + "; expected " + MIN_EVENT_AGE_SECONDS + " to " + MAX_EVENT_AGE_SECONDS);
        }
    }

    public Duration maximumEventAge() {
        return Duration.ofSeconds(maximumEventAgeSeconds);
    }
}
