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

    private final Tracer tracer;

    public BusTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.miniats.local.bus");
    }

    public static BusTracing disabled() {
        return new BusTracing(OpenTelemetry.noop());
    }

    /** Starts a span in the trace of {@code traceHeader}, as a child of its {@code Parent} when it names one. */
    public Span start(String name, String traceHeader, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parentOf(traceHeader)).startSpan();
    }

    /** The header to hand the next step: same root, {@code Parent} set to {@code span}. */
    public static String headerFor(String traceHeader, Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return traceHeader;
        }
        return new TraceIds.Header(context.getTraceId(), context.getSpanId(), true).format();
    }

    public void matched(String traceHeader, String eventId, String bus, int rules, long startedNanos) {
        long now = System.nanoTime();
        Span span = tracer.spanBuilder("match").setParent(parentOf(traceHeader))
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
        return TraceIds.parse(traceHeader).map(header -> {
            String parentId = header.parentId() != null ? header.parentId() : header.traceId().substring(16);
            SpanContext remote = SpanContext.createFromRemoteParent(header.traceId(), parentId, TraceFlags.getSampled(),
                    TraceState.getDefault());
            return Context.root().with(Span.wrap(remote));
        }).orElse(Context.root());
    }

    /** The OpenTelemetry trace id of an X-Ray header, or null. */
    public static String traceId(String traceHeader) {
        return TraceIds.parse(traceHeader).map(TraceIds.Header::traceId).orElse(null);
    }
}
