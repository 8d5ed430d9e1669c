package dev.miniats.functions;

/**
 * A Lambda {@code Context} that carries the invocation's X-Ray trace header itself. On AWS the
 * Java runtime puts it in the {@code com.amazonaws.xray.traceHeader} system property for the one
 * invocation in flight; a runtime that runs several invocations in one JVM at once (the local
 * one) cannot, so its context implements this instead.
 */
public interface TracedContext {
    /** The header ({@code Root=1-...;Parent=...;Sampled=1}), or null when the invocation is not traced. */
    String getXrayTraceHeader();
}
