package dev.miniats.local.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Spans for the bus's steps (put, match, delivery attempt, invocation) in the trace named by an
 * event's X-Ray trace header. The OpenTelemetry trace id is the X-Ray root's 8+24 hex digits, so
 * {@code Root=1-5759e988-bd862e3fe1be46a994272793} is trace {@code 5759e988bd862e3fe1be46a994272793}
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader).
 * Each step hands the next one a header whose {@code Parent} is its own span, as EventBridge
 * and Lambda do with X-Ray. Thread-safe.
 */
public final class BusTracing {
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("event.id");
    public static final AttributeKey<String> BUS = AttributeKey.stringKey("event.bus");
    public static final AttributeKey<String> RULE = AttributeKey.stringKey("rule");
    public static final AttributeKey<String> TARGET = AttributeKey.stringKey("target");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("attempt");
    public static final AttributeKey<Long> MATCHED = AttributeKey.longKey("rules.matched");

    /** How {@link TraceIds.Header#format()} ends an unsampled header: checked before parsing one. */
    private static final String UNSAMPLED = ";Sampled=0";

    private final Tracer tracer;
    private final TraceSampling sampling;

    /** Records every trace. */
    public BusTracing(OpenTelemetry openTelemetry) {
        this(openTelemetry, TraceSampling.always(Clock.systemUTC()));
    }

    /** Records the traces {@code sampling} admits (a trace that arrives with a decision keeps it). */
    public BusTracing(OpenTelemetry openTelemetry, TraceSampling sampling) {
        this.tracer = openTelemetry.getTracer("dev.miniats.local.bus");
        this.sampling = sampling;
    }

    public static BusTracing disabled() {
        return new BusTracing(OpenTelemetry.noop());
    }

    /** Starts a span in the trace of {@code traceHeader}, as a child of its {@code Parent} when it names one. */
    public Span start(String name, String traceHeader, SpanKind kind) {
        if (traceHeader != null && traceHeader.endsWith(UNSAMPLED)) {
            return Span.getInvalid(); // nothing of an unsampled trace is recorded; the next step gets the same header
        }
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parentOf(traceHeader)).startSpan();
    }

    /** As {@link #start(String, String, SpanKind)}, for a header already parsed. */
    public Span start(String name, TraceIds.Header header, SpanKind kind) {
        if (Boolean.FALSE.equals(header.sampled())) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parentOf(header)).startSpan();
    }

    /**
     * The trace a new event joins: the entry's own header, else the request's, else a new trace;
     * recorded or not as the header says, else as {@link TraceSampling} decides now. An unsampled
     * trace stays unsampled downstream (deliveries, invocations, the function's SDK calls).
     */
    public TraceIds.Header received(String entryHeader, String requestHeader, Clock clock) {
        TraceIds.Header header = TraceIds.parse(entryHeader).or(() -> TraceIds.parse(requestHeader))
                .orElseGet(() -> new TraceIds.Header(TraceIds.newTraceId(clock), null, null));
        return sampling.decide(header);
    }

    /** The header to hand the next step: same root, {@code Parent} set to {@code span}. */
    public static String headerFor(String traceHeader, Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return traceHeader;
        }
        return new TraceIds.Header(context.getTraceId(), context.getSpanId(), context.isSampled()).format();
    }

    public void matched(String traceHeader, String eventId, String bus, int rules, long startedNanos) {
        if (traceHeader != null && traceHeader.endsWith(UNSAMPLED)) {
            return; // an unsampled trace records nothing: skip parsing its header at all
        }
        Optional<TraceIds.Header> header = TraceIds.parse(traceHeader);
        if (header.isPresent() && Boolean.FALSE.equals(header.get().sampled())) {
            return;
        }
        long now = System.nanoTime();
        Span span = tracer.spanBuilder("match").setParent(header.map(BusTracing::parentOf).orElse(Context.root()))
                .setStartTimestamp(System.currentTimeMillis() * 1_000_000 - (now - startedNanos), TimeUnit.NANOSECONDS)
                .setAttribute(EVENT_ID, eventId).setAttribute(BUS, bus).setAttribute(MATCHED, (long) rules).startSpan();
        span.end();
    }

    public static void fail(Span span, String code, String message) {
        span.setStatus(StatusCode.ERROR, code + ": " + message);
        span.setAttribute("error.code", code);
    }

    /**
     * The parent context for a header: a remote span context with the root's trace id and the
     * header's {@code Parent}; without a Parent, a span id derived from the root, so every span of
     * the trace still shares its trace id (a waterfall treats the unknown parent as the root).
     */
    static Context parentOf(String traceHeader) {
        return TraceIds.parse(traceHeader).map(BusTracing::parentOf).orElse(Context.root());
    }

    /** As {@link #parentOf(String)}; {@code Sampled=0} makes the parent unsampled, so its children are not recorded. */
    static Context parentOf(TraceIds.Header header) {
        String parentId = header.parentId() != null ? header.parentId() : header.traceId().substring(16);
        TraceFlags flags = Boolean.FALSE.equals(header.sampled()) ? TraceFlags.getDefault() : TraceFlags.getSampled();
        SpanContext remote = SpanContext.createFromRemoteParent(header.traceId(), parentId, flags, TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }

    /** The OpenTelemetry trace id of an X-Ray header, or null. */
    public static String traceId(String traceHeader) {
        return TraceIds.parse(traceHeader).map(TraceIds.Header::traceId).orElse(null);
    }
}
