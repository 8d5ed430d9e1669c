package dev.miniats.local.xray;

import dev.miniats.local.aws.AwsRequest;

import dev.miniats.local.tracing.BusTracing;
import dev.miniats.local.tracing.TraceIds;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.util.Locale;
import java.util.Set;

/**
 * Records each traced SES send as a span (then an {@code aws} subsegment of the calling
 * function's segment): the request's {@code X-Amzn-Trace-Id} names the invocation as
 * {@code Parent}. Recorded here, on the SES side, because the in-process functions have no
 * tracer of their own while the server sees both the header and the answer's status; a user
 * function instrumented with an X-Ray SDK sends its own subsegment instead. Thread-safe.
 */
final class SesCalls {
    private static final String SPAN = "xray.sesSpan";
    private static final Set<String> V1_SENDS = Set.of("SendEmail", "SendRawEmail", "SendTemplatedEmail", "SendBulkTemplatedEmail");

    private final BusTracing tracing;

    SesCalls(BusTracing tracing) {
        this.tracing = tracing;
    }

    void register(RoutesConfig http) {
        http.before("/v2/email/outbound-emails", ctx -> start(ctx, "SendEmail"));
        http.after("/v2/email/outbound-emails", this::end);
        http.before("/", ctx -> {
            // only SES's own requests: reading the form of another Query service's request (SQS,
            // forwarded to its backend as a stream) would consume the body it forwards
            String signed = AwsRequest.signedService(ctx);
            String action = isForm(ctx) && (signed == null || signed.equals("ses")) ? ctx.formParam("Action") : null;
            if (action != null && V1_SENDS.contains(action)) {
                start(ctx, action);
            }
        });
        http.after("/", this::end);
    }

    private void start(Context ctx, String operation) {
        String header = ctx.header("X-Amzn-Trace-Id");
        if (!"POST".equals(ctx.method().name()) || !TraceIds.isValid(header)) {
            return;
        }
        Span span = tracing.start(SpanSegments.SES_SPAN_PREFIX + operation, header, SpanKind.SERVER);
        span.setAttribute("http.method", "POST");
        span.setAttribute("http.url", ctx.url());
        ctx.attribute(SPAN, span);
    }

    private void end(Context ctx) {
        Span span = ctx.attribute(SPAN);
        if (span == null) {
            return;
        }
        int status = ctx.statusCode();
        span.setAttribute("http.status", (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR, "HTTP " + status);
        }
        span.end();
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
