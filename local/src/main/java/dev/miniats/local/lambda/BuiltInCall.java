package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.miniats.functions.TracedContext;
import io.opentelemetry.api.trace.Span;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.Semaphore;

/** A built-in function's invocation, from {@link FunctionRegistry}'s {@code begin} on. */
record BuiltInCall(RequestStreamHandler handler, Semaphore slots, Span span, LocalContext context, long startedAt,
                   long started, ByteArrayOutputStream out) {
    BuiltInCall(RequestStreamHandler handler, Semaphore slots, Span span, LocalContext context, long startedAt, long started) {
        this(handler, slots, span, context, startedAt, started, new ByteArrayOutputStream());
    }

    /** Runs the handler on this thread, then gives its permit back. */
    void run(byte[] payload) throws Exception {
        // where Lambda's runtime hands concurrent invocations' trace header to the AWS SDK
        if (context.getXrayTraceHeader() != null) {
            SdkInternalThreadLocal.put(TracedContext.SDK_TRACE_ID_KEY, context.getXrayTraceHeader());
        }
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, context);
        } finally {
            SdkInternalThreadLocal.remove(TracedContext.SDK_TRACE_ID_KEY);
            slots.release();
        }
    }
}
