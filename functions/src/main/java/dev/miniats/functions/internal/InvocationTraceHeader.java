package dev.miniats.functions.internal;

import dev.miniats.functions.TracedContext;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Adds the running invocation's {@code X-Amzn-Trace-Id} to each SDK request, read from where
 * Lambda's runtime keeps it for concurrent invocations ({@link TracedContext#SDK_TRACE_ID_KEY}).
 * The SDK's own {@code TraceIdExecutionInterceptor} does this only when
 * {@code AWS_LAMBDA_FUNCTION_NAME} is set, which an in-process local function cannot set; on AWS
 * that interceptor applies and this one, used only by the local environment, is absent.
 * Stateless and thread-safe.
 */
public final class InvocationTraceHeader implements ExecutionInterceptor {
    private static final String HEADER = "X-Amzn-Trace-Id";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        String traceHeader = SdkInternalThreadLocal.get(TracedContext.SDK_TRACE_ID_KEY);
        if (traceHeader == null || request.firstMatchingHeader(HEADER).isPresent()) {
            return request;
        }
        return request.toBuilder().putHeader(HEADER, traceHeader).build();
    }
}
