package dev.miniats.core.idempotency;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link IdempotencyStore} adapter must have. An adapter's test extends this
 * class and implements {@link #newStore()} with an empty store (a fresh table, file or map):
 * <pre>{@code
 * class SqliteIdempotencyStoreTest extends IdempotencyStoreContract {
 *     protected IdempotencyStore newStore() { return new SqliteIdempotencyStore(freshDatabase()); }
 * }
 * }</pre>
 * Time is passed in explicitly, so the adapter needs no clock.
 */
public abstract class IdempotencyStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final IdempotencyConfig CONFIG = new IdempotencyConfig(Duration.ofHours(1), Duration.ofMinutes(5));

    private IdempotencyStore store;
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);

    /** A new, empty store. */
    protected abstract IdempotencyStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private Idempotency idempotency() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new Idempotency(store, CONFIG, clock);
    }

    private static IdempotencyKey key(String payload) {
        return IdempotencyKey.of("schedule-interview#cand-1#int-1", payload, "send reschedule-interview instead");
    }

    private static IdempotencyRecord claim(String key, Instant at) {
        return IdempotencyRecord.inProgress(key, "hash", at.plus(CONFIG.expiry()), at.plus(CONFIG.lockTimeout()));
    }

    @Test
    void the_first_claim_wins_and_a_second_sees_the_first_record() {
        assertThat(store.putIfAbsent(claim("k", T0), T0)).isEmpty();

        Optional<IdempotencyRecord> second = store.putIfAbsent(claim("k", T0.plusSeconds(1)), T0.plusSeconds(1));

        assertThat(second).contains(claim("k", T0));
        assertThat(store.find("k")).contains(claim("k", T0));
    }

    @Test
    void a_completed_record_keeps_its_hash_and_expiry_and_stores_the_result() {
        store.putIfAbsent(claim("k", T0), T0);
        store.complete("k", "{\"messageId\":\"m-1\"}");

        IdempotencyRecord record = store.find("k").orElseThrow();
        assertThat(record.status()).isEqualTo(IdempotencyStatus.COMPLETED);
        assertThat(record.result()).isEqualTo("{\"messageId\":\"m-1\"}");
        assertThat(record.payloadHash()).isEqualTo("hash");
        assertThat(record.expirationEpochSecond()).isEqualTo(T0.plus(CONFIG.expiry()).getEpochSecond());
    }

    @Test
    void a_released_key_can_be_claimed_again() {
        store.putIfAbsent(claim("k", T0), T0);
        store.release("k");

        assertThat(store.find("k")).isEmpty();
        assertThat(store.putIfAbsent(claim("k", T0), T0)).isEmpty();
    }

    @Test
    void an_expired_record_counts_as_absent_and_is_replaced() {
        store.putIfAbsent(claim("k", T0), T0);
        store.complete("k", "old");
        Instant later = T0.plus(CONFIG.expiry()).plusSeconds(1);

        assertThat(store.putIfAbsent(claim("k", later), later)).isEmpty();
        assertThat(store.find("k").orElseThrow().status()).isEqualTo(IdempotencyStatus.IN_PROGRESS);
    }

    @Test
    void an_in_progress_record_whose_lock_lapsed_can_be_taken_over() {
        store.putIfAbsent(claim("k", T0), T0);
        Instant afterLock = T0.plus(CONFIG.lockTimeout()).plusSeconds(1);

        assertThat(store.putIfAbsent(claim("k", afterLock), afterLock)).isEmpty();
    }

    @Test
    void a_completed_record_stays_live_after_its_lock_would_have_lapsed() {
        store.putIfAbsent(claim("k", T0), T0);
        store.complete("k", "done");
        Instant afterLock = T0.plus(CONFIG.lockTimeout()).plusSeconds(1);

        assertThat(store.putIfAbsent(claim("k", afterLock), afterLock)).map(IdempotencyRecord::result).contains("done");
    }

    @Test
    void a_completed_key_returns_the_stored_result_without_running_again() {
        AtomicInteger runs = new AtomicInteger();
        IdempotentResult first = idempotency().execute(key("p"), () -> "sent-" + runs.incrementAndGet());
        IdempotentResult second = idempotency().execute(key("p"), () -> "sent-" + runs.incrementAndGet());

        assertThat(first).isEqualTo(new IdempotentResult("sent-1", false));
        assertThat(second).isEqualTo(new IdempotentResult("sent-1", true));
        assertThat(runs).hasValue(1);
    }

    @Test
    void a_failed_attempt_releases_the_key_so_the_retry_runs() {
        assertThatThrownBy(() -> idempotency().execute(key("p"), () -> {
            throw new IllegalStateException("mail service down");
        })).hasMessage("mail service down");

        assertThat(idempotency().execute(key("p"), () -> "sent")).isEqualTo(new IdempotentResult("sent", false));
    }

    @Test
    void the_same_key_with_another_payload_is_a_permanent_mismatch_naming_the_advice() {
        idempotency().execute(key("at 15:00"), () -> "sent");

        assertThatThrownBy(() -> idempotency().execute(key("at 16:00"), () -> "sent again"))
                .isInstanceOf(IdempotencyKeyMismatchException.class)
                .isInstanceOf(dev.miniats.core.PermanentFailure.class)
                .hasMessageContaining("schedule-interview#cand-1#int-1").hasMessageContaining("send reschedule-interview instead");
    }

    @Test
    void a_duplicate_during_an_attempt_is_told_to_retry() {
        assertThatThrownBy(() -> idempotency().execute(key("p"), () -> idempotency().execute(key("p"), () -> "inner").result()))
                .isInstanceOf(IdempotencyInProgressException.class)
                .isNotInstanceOf(dev.miniats.core.PermanentFailure.class)
                .hasMessageContaining("retry later");
    }

    @Test
    void after_the_record_expires_the_effect_runs_again() {
        idempotency().execute(key("p"), () -> "first");
        now.set(T0.plus(CONFIG.expiry()).plusSeconds(1));

        assertThat(idempotency().execute(key("p"), () -> "second")).isEqualTo(new IdempotentResult("second", false));
    }

    @Test
    void many_threads_racing_for_one_key_let_exactly_one_claim_it() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> race = () -> {
                    start.await();
                    return store.putIfAbsent(claim("race", T0), T0).isEmpty();
                };
                claims.add(pool.submit(race));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> claim : claims) {
                winners += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
