package dev.miniats.functions;

/**
 * A Lambda {@code Context} that carries the invocation's X-Ray trace header itself. On AWS the
 * Java runtime puts it in the {@code com.amazonaws.xray.traceHeader} system property for the one
 * invocation in flight; a runtime that runs several invocations in one JVM at once (the local
 * one) cannot, so its context implements this instead.
 */
public interface TracedContext {
    /**
     * Where Lambda's Java runtime keeps the header for the AWS SDK when it runs invocations
     * concurrently in one JVM: the SDK's {@code SdkInternalThreadLocal} under this key, which its
     * {@code TraceIdExecutionInterceptor} reads. The local runtime sets it on each invocation's
     * thread the same way.
     */
    String SDK_TRACE_ID_KEY = "AWS_LAMBDA_X_TRACE_ID";

    /** The header ({@code Root=1-...;Parent=...;Sampled=1}), or null when the invocation is not traced. */
    String getXrayTraceHeader();
}
