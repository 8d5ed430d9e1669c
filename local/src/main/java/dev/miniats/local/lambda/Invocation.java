package dev.miniats.local.lambda;

import dev.miniats.local.tracing.TraceIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One finished function invocation as Lambda reports it: request id, timing, outcome and the lines
 * the function logged. {@code seq} is 0 until the invocation is stored; {@code traceId} is the
 * 32-hex OpenTelemetry form of the X-Ray root (null when untraced).
 */
public record Invocation(long seq, String requestId, String function, long startedAtMillis, double durationMs, int memoryMb,
                         String errorType, String errorMessage, String traceId, String candidateId, String eventId,
                         List<LogLine> lines, boolean truncated, String version, Double initDurationMs, Integer maxMemoryUsedMb) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    public Invocation {
        lines = List.copyOf(lines);
        version = version == null ? "$LATEST" : version;
    }

    /** An invocation of {@code $LATEST} in a warm environment (the built-in functions' kind). */
    public Invocation(long seq, String requestId, String function, long startedAtMillis, double durationMs, int memoryMb,
                      String errorType, String errorMessage, String traceId, String candidateId, String eventId,
                      List<LogLine> lines, boolean truncated) {
        this(seq, requestId, function, startedAtMillis, durationMs, memoryMb, errorType, errorMessage, traceId, candidateId, eventId,
                lines, truncated, null, null, null);
    }

    /** One logged line and when it was logged (epoch milliseconds). */
    public record LogLine(long timeMillis, String message) {
    }

    /** The CloudWatch log stream this invocation writes to: see {@link #logStream(String, long)}. */
    public String logStream() {
        return logStream(function, startedAtMillis);
    }

    /**
     * Lambda's stream name: the UTC day, the version, an execution environment's id; here one
     * environment per function and day ({@code 2026/11/27/[$LATEST]<32 hex>}).
     */
    public static String logStream(String function, long millis) {
        long day = Math.floorDiv(millis, 86_400_000L);
        LogStream known = LOG_STREAMS.get(function);
        if (known != null && known.day() == day) {
            return known.name(); // every invocation asks; the MD5 and the date formatting are once per function and day
        }
        String date = DAY.format(Instant.ofEpochMilli(millis));
        String id = UUID.nameUUIDFromBytes((function + "@" + date).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        String name = date + "/[$LATEST]" + id;
        if (LOG_STREAMS.size() < 10_000) {
            LOG_STREAMS.put(function, new LogStream(day, name));
        }
        return name;
    }

    private record LogStream(long day, String name) {
    }

    private static final java.util.Map<String, LogStream> LOG_STREAMS = new java.util.concurrent.ConcurrentHashMap<>();

    public boolean failed() {
        return errorType != null;
    }

    public String status() {
        return failed() ? "error" : "ok";
    }

    /**
     * Lambda bills the duration rounded up to the next millisecond (https://aws.amazon.com/lambda/pricing/).
     * Rounded up from the duration as shown (two decimals), so "Duration: 52.00 ms" never bills 53 ms.
     */
    public long billedDurationMs() {
        return Math.max(1, (long) Math.ceil(Math.round(durationMs * 100) / 100.0));
    }

    /** The X-Ray form of the trace id ({@code 1-<8 hex>-<24 hex>}), or null. */
    public String xrayTraceId() {
        return traceId == null ? null : TraceIds.xray(traceId);
    }

    /**
     * The invocation as CloudWatch Logs shows it in the function's log stream: {@code START}, the
     * function's lines, {@code END} and the tab-separated {@code REPORT}
     * (https://docs.aws.amazon.com/lambda/latest/dg/java-logging.html), with {@code Init Duration} when the
     * invocation started its execution environment, and {@code Max Memory Used} for a user function (its
     * environment's peak; built-in handlers share one JVM here, so they have no figure of their own).
     */
    public List<String> cloudWatchLines() {
        List<String> out = new ArrayList<>(lines.size() + 4);
        out.add("START RequestId: " + requestId + " Version: " + version);
        lines.forEach(l -> out.add(l.message()));
        if (truncated) {
            out.add("[log truncated: lines past " + LocalContext.MAX_LOG_BYTES / 1024 + " KB were dropped]");
        }
        out.add("END RequestId: " + requestId);
        String report = "REPORT RequestId: " + requestId + "\tDuration: " + String.format(Locale.ROOT, "%.2f", durationMs)
                + " ms\tBilled Duration: " + billedDurationMs() + " ms\tMemory Size: " + memoryMb + " MB";
        if (maxMemoryUsedMb != null) {
            report += "\tMax Memory Used: " + maxMemoryUsedMb + " MB";
        }
        if (initDurationMs != null) {
            report += "\tInit Duration: " + String.format(Locale.ROOT, "%.2f", initDurationMs) + " ms";
        }
        if (traceId != null) {
            report += "\t\nXRAY TraceId: " + xrayTraceId() + "\tSampled: true";
        }
        out.add(report);
        return out;
    }
}
