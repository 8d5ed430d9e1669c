package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One invocation's structured log: each line a JSON object written through the context's
 * {@link LambdaLogger}, so on AWS it is one CloudWatch Logs event that Logs Insights can query by
 * field, and locally the runtime records it with the invocation. Every line names the function,
 * the request id and, once known, the X-Ray trace, the candidate id and the event id; it carries
 * no personal data beyond the candidate id. Without a context (plain unit tests) lines go nowhere.
 * Not thread-safe: one per invocation.
 */
public final class FunctionLog {
    private static final Pattern ROOT = Pattern.compile("Root=(1-[0-9a-f]{8}-[0-9a-f]{24})");
    /** Where Lambda's Java runtime puts the current invocation's trace header. */
    private static final String XRAY_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final LambdaLogger logger;
    private final Clock clock;
    private final ObjectNode base = HiringHandler.JSON.createObjectNode();

    private FunctionLog(Context context, Clock clock) {
        this.logger = context == null ? null : context.getLogger();
        this.clock = clock;
        if (context != null) {
            base.put("function", context.getFunctionName());
            base.put("requestId", context.getAwsRequestId());
            String traceId = xrayTraceId(context);
            if (traceId != null) {
                base.put("xrayTraceId", traceId);
            }
        }
    }

    public static FunctionLog of(Context context, Clock clock) {
        return new FunctionLog(context, clock);
    }

    /** Names the candidate and the event on this and every later line. */
    void about(String candidateId, String eventId) {
        base.put("candidateId", candidateId);
        if (eventId != null) {
            base.put("eventId", eventId);
        }
    }

    /** Logs {@code message} at INFO with {@code fields} given as name, value, name, value... */
    public void info(String message, String... fields) {
        write(line("INFO", message, fields));
    }

    /** Logs a failure with its type and message, as Lambda reports it ({@code errorType}, {@code errorMessage}). */
    public void error(String message, Throwable failure) {
        ObjectNode line = line("ERROR", message);
        line.put("errorType", failure.getClass().getSimpleName());
        line.put("errorMessage", String.valueOf(failure.getMessage()));
        write(line);
    }

    private ObjectNode line(String level, String message, String... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name, value pairs; got " + fields.length + " strings");
        }
        ObjectNode line = HiringHandler.JSON.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        line.setAll(base);
        for (int i = 0; i < fields.length; i += 2) {
            line.put(fields[i], fields[i + 1]);
        }
        return line;
    }

    private void write(ObjectNode line) {
        if (logger != null) {
            logger.log(line.toString());
        }
    }

    /** The X-Ray trace id ({@code 1-<8 hex>-<24 hex>}) of this invocation, or null. */
    static String xrayTraceId(Context context) {
        String header = context instanceof TracedContext traced ? traced.getXrayTraceHeader() : System.getProperty(XRAY_PROPERTY);
        Matcher root = header == null ? null : ROOT.matcher(header);
        return root != null && root.find() ? root.group(1) : null;
    }
}
