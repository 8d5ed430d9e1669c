package dev.miniats.local.lambda.runtime;

import java.util.Objects;

/**
 * One invocation handed to an execution environment through {@code /runtime/invocation/next}.
 *
 * @param timeoutMillis  how long the function may run once its environment is initialized (INIT is not counted, as on Lambda)
 * @param traceId        the X-Ray trace header ({@code Lambda-Runtime-Trace-Id}); may be null
 */
public record InvokeRequest(String requestId, byte[] payload, long timeoutMillis, String invokedFunctionArn, String traceId) {
    public InvokeRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(payload, "payload");
    }
}
