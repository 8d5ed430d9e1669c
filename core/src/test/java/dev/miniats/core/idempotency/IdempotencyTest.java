package dev.miniats.core.idempotency;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final Idempotency idempotency = new Idempotency(store, IdempotencyConfig.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    private final IdempotencyKey key = IdempotencyKey.of("send-assessment#ada", "{}", "advice");

    @Test
    void an_attempt_holds_its_key_no_longer_than_the_invocation_has_left() {
        idempotency.execute(key, Duration.ofSeconds(12), () -> {
            assertThat(store.find(key.value()).orElseThrow().lockedUntil()).isEqualTo(NOW.plusSeconds(12));
            return "{}";
        });
    }

    @Test
    void the_configured_lock_timeout_caps_a_longer_remaining_time() {
        idempotency.execute(key, Duration.ofHours(2), () -> {
            assertThat(store.find(key.value()).orElseThrow().lockedUntil()).isEqualTo(NOW.plus(IdempotencyConfig.DEFAULT.lockTimeout()));
            return "{}";
        });
    }

    @Test
    void a_completion_that_fails_keeps_the_key_locked_instead_of_inviting_a_second_send() {
        IdempotencyStore failingCompletion = new ForwardingIdempotencyStore(store) {
            @Override
            public void complete(String k, String result) {
                throw new IllegalStateException("the store died");
            }
        };
        Idempotency dying = new Idempotency(failingCompletion, IdempotencyConfig.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> dying.execute(key, Duration.ofSeconds(30), () -> "{}")).hasMessageContaining("the store died");

        assertThat(store.find(key.value()).orElseThrow().status()).isEqualTo(IdempotencyStatus.IN_PROGRESS);
        assertThatThrownBy(() -> idempotency.execute(key, () -> "{}")).isInstanceOf(IdempotencyInProgressException.class);
    }

    @Test
    void the_message_key_names_the_effect_and_hides_the_business_fields() {
        IdempotencyKey same = IdempotencyKey.of("send-assessment#ada", "{}", "other advice");
        IdempotencyKey other = IdempotencyKey.of("send-assessment#grace", "{}", "advice");

        assertThat(key.messageKey()).isEqualTo(same.messageKey()).isNotEqualTo(other.messageKey()).matches("[0-9a-f]{64}")
                .doesNotContain("ada");
    }
}
