package dev.miniats.local.tracing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TraceSamplingTest {
    private static final String TRACE = "5759e988bd862e3fe1be46a994272793";

    @Test
    void the_reservoir_admits_its_traces_each_second_and_the_rate_decides_the_rest() {
        MutableClock clock = new MutableClock(1_000_000);
        TraceSampling sampling = new TraceSampling(clock, 3, 0.0);
        assertThat(IntStream.range(0, 5).mapToObj(i -> sampling.sampleNew())).containsExactly(true, true, true, false, false);
        clock.millis += 1_000;
        assertThat(IntStream.range(0, 4).mapToObj(i -> sampling.sampleNew())).containsExactly(true, true, true, false);
        TraceSampling everything = new TraceSampling(clock, 0, 1.0);
        assertThat(IntStream.range(0, 100).allMatch(i -> everything.sampleNew())).isTrue();
    }

    @Test
    void an_upstream_decision_is_kept_and_a_missing_one_is_made() {
        TraceSampling none = new TraceSampling(new MutableClock(0), 0, 0.0);
        assertThat(none.decide(new TraceIds.Header(TRACE, null, true)).sampled()).isTrue();
        assertThat(none.decide(new TraceIds.Header(TRACE, null, null)).sampled()).isFalse();
        assertThat(none.decide(new TraceIds.Header(TRACE, null, null)).format()).endsWith(";Sampled=0");
        assertThat(TraceSampling.always(Clock.systemUTC()).decide(new TraceIds.Header(TRACE, null, null)).sampled()).isTrue();
    }

    private static final class MutableClock extends Clock {
        long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
