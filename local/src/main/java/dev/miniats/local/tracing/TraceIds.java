package dev.miniats.local.tracing;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * X-Ray trace ids (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids):
 * {@code Root=1-<8 hex epoch seconds>-<24 hex random>}, optionally with {@code Parent} and {@code Sampled}.
 */
public final class TraceIds {
    private static final Pattern ROOT = Pattern.compile("(^|;)\\s*Root=1-[0-9a-f]{8}-[0-9a-f]{24}(;|$)");

    private TraceIds() {
    }

    public static boolean isValid(String header) {
        return header != null && header.length() <= 256 && ROOT.matcher(header).find();
    }

    public static String newTraceHeader(Clock clock) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + HexFormat.of().toHexDigits((int) clock.instant().getEpochSecond()) + "-" + HexFormat.of().formatHex(random)
                + ";Sampled=1";
    }
}
