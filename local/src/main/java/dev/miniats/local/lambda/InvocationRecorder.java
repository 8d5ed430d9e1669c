package dev.miniats.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.tracing.BusTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Ends invocations alike, whichever thread ran them: logs a failure and marks its span, writes the
 * line Lambda's Java runtime logs for an unhandled exception, and hands the finished
 * {@link Invocation} to the caller's observer and to the recorder. Thread-safe.
 */
final class InvocationRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionRegistry.class);
    private static final ObjectMapper ERROR_JSON = new ObjectMapper();
    private volatile Consumer<Invocation> recorder = invocation -> { };

    /** Hands every invocation ended from now on to {@code recorder}. */
    void recordTo(Consumer<Invocation> recorder) {
        this.recorder = recorder;
    }

    /** What a user function's invocation adds to its record: the version that ran, the INIT it paid for. */
    record Run(String version, Double initDurationMs, Integer maxMemoryUsedMb) {
        static final Run BUILT_IN = new Run(null, null, null);
    }

    FunctionError failed(LocalContext context, long startedAt, long started, Span span, FunctionError error,
                         Consumer<Invocation> observer) {
        return failed(context, startedAt, started, span, error, observer, Run.BUILT_IN);
    }

    /** Ends a failed invocation; returns {@code error}, for the caller to throw. */
    FunctionError failed(LocalContext context, long startedAt, long started, Span span, FunctionError error,
                         Consumer<Invocation> observer, Run run) {
        LOG.warn("{} {} failed in {} ms: {}: {}", context.getFunctionName(), context.getAwsRequestId(),
                (System.nanoTime() - started) / 1_000_000, error.errorType(), error.getMessage());
        span.setStatus(StatusCode.ERROR, error.errorType() + ": " + error.getMessage());
        if (!"Sandbox.Timedout".equals(error.errorType()) && run == Run.BUILT_IN) {
            // What Lambda's Java runtime logs for an unhandled exception (a user function's runtime logs its own)
            context.runtimeLine(errorJson(error));
        }
        record(context, startedAt, started, error, observer, run);
        return error;
    }

    private static String errorJson(FunctionError error) {
        ObjectNode json = ERROR_JSON.createObjectNode();
        json.put("errorMessage", error.getMessage());
        json.put("errorType", error.errorType());
        ArrayNode stack = json.putArray("stackTrace");
        Throwable cause = error.getCause();
        if (cause != null) {
            Arrays.stream(cause.getStackTrace()).limit(10).forEach(frame -> stack.add(frame.toString()));
        }
        return json.toString();
    }

    /** Hands the finished invocation to the recorder and the caller's observer; neither can fail the invocation. */
    void record(LocalContext context, long startedAt, long startedNanos, FunctionError error, Consumer<Invocation> observer,
                Run run) {
        try {
            // Lambda's Duration leaves out the INIT it reports apart
            double duration = (System.nanoTime() - startedNanos) / 1e6 - (run.initDurationMs() == null ? 0 : run.initDurationMs());
            Invocation invocation = new Invocation(0, context.getAwsRequestId(), context.getFunctionName(), startedAt,
                    Math.max(0, duration), context.getMemoryLimitInMB(),
                    error == null ? null : error.errorType(), error == null ? null : error.getMessage(),
                    BusTracing.traceId(context.getXrayTraceHeader()), null, null, context.seal(), context.truncated(),
                    run.version(), run.initDurationMs(), run.maxMemoryUsedMb());
            observer.accept(invocation);
            recorder.accept(invocation);
        } catch (RuntimeException e) {
            LOG.warn("cannot record invocation {} of {}: {}", context.getAwsRequestId(), context.getFunctionName(), e.toString());
        }
    }
}
