package dev.miniats.local.lambda.runtime;

/**
 * How an invocation ended: the function's response, or its error as Lambda reports it
 * ({@code errorType} and the error document the runtime posted, e.g.
 * {@code {"errorType","errorMessage","stackTrace"}}). {@code initDurationMs} is set when this
 * invocation started its execution environment (Lambda's {@code Init Duration}); {@code maxMemoryUsedMb}
 * is the environment's peak memory so far (Lambda's {@code Max Memory Used}), null where it cannot be read.
 */
public record InvokeOutcome(byte[] response, String errorType, String errorMessage, byte[] errorDocument, Double initDurationMs,
                            Integer maxMemoryUsedMb) {
    /** An outcome decided before any environment ran (no init, no memory figure). */
    static InvokeOutcome failure(String errorType, String errorMessage) {
        return new InvokeOutcome(null, errorType, errorMessage, null, null, null);
    }

    public boolean failed() {
        return errorType != null;
    }

    InvokeOutcome with(Double initMs, Integer maxMemoryMb) {
        return new InvokeOutcome(response, errorType, errorMessage, errorDocument, initMs, maxMemoryMb);
    }
}
