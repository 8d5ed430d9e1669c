package dev.miniats.local.events.delivery;

import dev.miniats.local.tracing.BusTracing;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Exponential backoff with jitter, scaled by the time scale. */
class DispatcherBackoffTest {
    @Test
    void backoff_doubles_per_failed_attempt_with_jitter_within_half_to_full_and_caps_at_five_minutes() {
        try (Dispatcher dispatcher = new Dispatcher(null, null, BusTracing.disabled(), Clock.systemUTC(), 1.0, 1)) {
            for (int attempt = 1; attempt <= 12; attempt++) {
                long ceiling = Math.min(Dispatcher.MAX_BACKOFF_MILLIS, Dispatcher.BASE_BACKOFF_MILLIS << (attempt - 1));
                for (int i = 0; i < 50; i++) {
                    assertThat(dispatcher.backoff(attempt)).isBetween(ceiling / 2, ceiling);
                }
            }
        }
    }

    @Test
    void the_time_scale_shrinks_every_delay() {
        try (Dispatcher dispatcher = new Dispatcher(null, null, BusTracing.disabled(), Clock.systemUTC(), 0.001, 1)) {
            assertThat(dispatcher.backoff(5)).isBetween(8L, 16L); // 16 s ceiling at the fifth failure
        }
    }
}
