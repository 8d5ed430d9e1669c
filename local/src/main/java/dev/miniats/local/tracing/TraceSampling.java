package dev.miniats.local.tracing;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether a new trace is recorded, the way X-Ray's sampling rules do: a reservoir of
 * traces per second that are always recorded, then a fixed rate of the rest
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html; X-Ray's default
 * rule is 1 per second and 5%). The local defaults keep every trace at the rates a person
 * produces by hand ({@value #DEFAULT_RESERVOIR} per second) and 1% beyond that, so a load test
 * does not spend most of its CPU writing spans nobody reads. A header that already says
 * {@code Sampled=1} or {@code Sampled=0} keeps its decision, as X-Ray honours an upstream one.
 *
 * <p>Thread-safe: the reservoir is one counter per second; two threads crossing a second at
 * once may admit a few traces more than the reservoir, never fewer.
 */
public final class TraceSampling {
    public static final int DEFAULT_RESERVOIR = 100;
    public static final double DEFAULT_RATE = 0.01;

    private final Clock clock;
    private final int reservoir;
    private final double rate;
    /** The current second (high 32 bits) and the traces admitted from the reservoir in it (low 32 bits). */
    private final AtomicLong window = new AtomicLong();

    public TraceSampling(Clock clock, int reservoir, double rate) {
        if (reservoir < 0 || rate < 0 || rate > 1) {
            throw new IllegalArgumentException("reservoir " + reservoir + " / rate " + rate
                    + ": expected a reservoir of 0 or more traces per second and a rate between 0 and 1");
        }
        this.clock = clock;
        this.reservoir = reservoir;
        this.rate = rate;
    }

    /** Records everything: for tests and for a runtime without load. */
    public static TraceSampling always(Clock clock) {
        return new TraceSampling(clock, Integer.MAX_VALUE, 1.0);
    }

    /** {@code header} with its sampling decision made: kept when it has one, else decided now. */
    public TraceIds.Header decide(TraceIds.Header header) {
        if (header.sampled() != null) {
            return header;
        }
        return new TraceIds.Header(header.traceId(), header.parentId(), sampleNew());
    }

    /** Whether a trace with no upstream decision is recorded. */
    boolean sampleNew() {
        long second = clock.millis() / 1000;
        while (true) {
            long current = window.get();
            long taken = (current >>> 32) == second ? current & 0xffffffffL : 0;
            if (taken >= reservoir) {
                return rate >= 1.0 || (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate);
            }
            if (window.compareAndSet(current, (second << 32) | (taken + 1))) {
                return true;
            }
        }
    }
}
