package dev.miniats.local.tracing;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * X-Ray trace ids and the {@code X-Amzn-Trace-Id} header
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids):
 * {@code Root=1-<8 hex epoch seconds>-<24 hex random>}, optionally with {@code Parent} and
 * {@code Sampled}. The one place the runtime reads and writes them; the OpenTelemetry trace id is
 * the root's 8+24 hex digits.
 *
 * <p>Hand-written on purpose: the OpenTelemetry contrib {@code AwsXrayPropagator} is the library
 * for this, but its newest release in the registry (1.60.0-alpha) calls
 * {@code io.opentelemetry.api.internal.StringUtils.padLeft}, which opentelemetry-api 1.68 (our
 * BOM) no longer has, so every extract fails with {@code NoSuchMethodError}. Thread-safe.
 */
public final class TraceIds {
    private static final int MAX_HEADER = 256;

    private TraceIds() {
    }

    /** A parsed header: the OpenTelemetry trace id (32 hex), the parent span id (16 hex) or null, and the sampling flag or null. */
    public record Header(String traceId, String parentId, Boolean sampled) {
        public Header {
            if (!isHex(traceId, 32) || (parentId != null && !isHex(parentId, 16))) {
                throw new IllegalArgumentException("trace id '" + traceId + "' or parent '" + parentId
                        + "' is not 32 / 16 lowercase hex digits");
            }
        }

        /** The X-Ray form of the trace id, {@code 1-5759e988-bd862e3fe1be46a994272793}. */
        public String xrayTraceId() {
            return TraceIds.xray(traceId);
        }

        /** The header string, with {@code Parent} when known and {@code Sampled=1} unless explicitly unsampled. */
        public String format() {
            return "Root=" + xrayTraceId() + (parentId == null ? "" : ";Parent=" + parentId)
                    + ";Sampled=" + (Boolean.FALSE.equals(sampled) ? "0" : "1");
        }

        public Header withParent(String parent) {
            return new Header(traceId, parent, sampled);
        }
    }

    /** Reads a header; empty when it is absent, too long or has no valid {@code Root}. Unknown keys are ignored, as X-Ray does. */
    public static Optional<Header> parse(String header) {
        if (header == null || header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        String root = null;
        String parent = null;
        Boolean sampled = null;
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = isHex(value, 16) ? value : null;
                case "Sampled" -> sampled = "1".equals(value) ? Boolean.TRUE : "0".equals(value) ? Boolean.FALSE : null;
                default -> { } // Lineage, Self and other keys do not change the trace
            }
        }
        String traceId = otel(root);
        // all zeros is OpenTelemetry's invalid trace id: such a header names no trace
        return traceId == null || traceId.chars().allMatch(c -> c == '0') ? Optional.empty()
                : Optional.of(new Header(traceId, parent, sampled));
    }

    public static boolean isValid(String header) {
        return parse(header).isPresent();
    }

    /**
     * The OpenTelemetry trace id (32 hex) of an X-Ray trace id ({@code 1-8hex-24hex}), or null
     * when {@code xrayTraceId} is not one.
     */
    public static String otel(String xrayTraceId) {
        if (xrayTraceId == null || xrayTraceId.length() != 35 || !xrayTraceId.startsWith("1-") || xrayTraceId.charAt(10) != '-') {
            return null;
        }
        String hex = xrayTraceId.substring(2, 10) + xrayTraceId.substring(11);
        return isHex(hex, 32) ? hex : null;
    }

    /** The X-Ray trace id ({@code 1-8hex-24hex}) of an OpenTelemetry trace id. */
    public static String xray(String otelTraceId) {
        if (!isHex(otelTraceId, 32)) {
            throw new IllegalArgumentException("trace id '" + otelTraceId + "' is not 32 lowercase hex digits");
        }
        return "1-" + otelTraceId.substring(0, 8) + "-" + otelTraceId.substring(8);
    }

    public static String newTraceHeader(Clock clock) {
        return new Header(newTraceId(clock), null, true).format();
    }

    /** A new OpenTelemetry trace id whose first 8 hex digits are the epoch second, as X-Ray requires. */
    public static String newTraceId(Clock clock) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().toHexDigits((int) clock.instant().getEpochSecond()) + HexFormat.of().formatHex(random);
    }

    /** Whether {@code s} is exactly {@code length} lowercase hex digits. */
    public static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
