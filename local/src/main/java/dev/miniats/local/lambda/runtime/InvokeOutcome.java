package dev.miniats.local.lambda.runtime;

/**
 * How an invocation ended: the function's response, or its error as Lambda reports it
 * ({@code errorType} and the error document the runtime posted, e.g.
 * {@code {"errorType","errorMessage","stackTrace"}}). {@code initDurationMs} is set when this
 * invocation started its execution environment (Lambda's {@code Init Duration}).
 */
public record InvokeOutcome(byte[] response, String errorType, String errorMessage, byte[] errorDocument, Double initDurationMs) {
    public boolean failed() {
        return errorType != null;
    }

    InvokeOutcome withInit(Double initMs) {
        return new InvokeOutcome(response, errorType, errorMessage, errorDocument, initMs);
    }
}
