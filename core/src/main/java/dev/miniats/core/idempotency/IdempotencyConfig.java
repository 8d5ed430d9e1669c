package dev.miniats.core.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * How long idempotency records last.
 *
 * @param expiry      how long a completed effect is remembered; the default, 24 hours, covers
 *                    EventBridge's longest retry window (MaximumEventAgeInSeconds 86400)
 * @param lockTimeout how long an attempt holds its key before another may take it over; longer
 *                    than a function's timeout, so a live attempt is never overtaken
 */
public record IdempotencyConfig(Duration expiry, Duration lockTimeout) {
    public static final IdempotencyConfig DEFAULT = new IdempotencyConfig(Duration.ofHours(24), Duration.ofMinutes(5));

    public IdempotencyConfig {
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(lockTimeout) < 0) {
            throw new IllegalArgumentException("expiry " + expiry + " and lockTimeout " + lockTimeout
                    + " are invalid; expected lockTimeout of at least 1 second and expiry at least lockTimeout");
        }
    }
}
