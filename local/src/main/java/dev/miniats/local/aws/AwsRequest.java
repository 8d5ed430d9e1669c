package dev.miniats.local.aws;

import io.javalin.http.Context;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operation may know about the call besides its typed input: the request id it answers
 * with, the X-Ray trace header ({@code X-Amzn-Trace-Id}, null when absent), and the region and
 * access key of the SigV4 credential scope (the runtime does not verify signatures; it reads the
 * scope to route and to name the caller).
 */
public record AwsRequest(String requestId, String traceHeader, String region, String accessKeyId) {
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

    /** Reads the call's metadata; {@code defaultRegion} when the request is unsigned. */
    public static AwsRequest of(Context ctx, String requestId, String defaultRegion) {
        return of(ctx.header("Authorization"), ctx.header("X-Amzn-Trace-Id"), requestId, defaultRegion);
    }

    /** As {@link #of(Context, String, String)}, from the two headers it reads (null when absent). */
    static AwsRequest of(String authorization, String traceHeader, String requestId, String defaultRegion) {
        Matcher m = CREDENTIAL.matcher(nullToEmpty(authorization));
        return m.find() ? new AwsRequest(requestId, traceHeader, m.group(2), m.group(1))
                : new AwsRequest(requestId, traceHeader, defaultRegion, null);
    }

    /** The signing name of the service the request was signed for ({@code ses}, {@code iam}, …), or null when unsigned. */
    public static String signedService(Context ctx) {
        return signedService(ctx.header("Authorization"));
    }

    /** As {@link #signedService(Context)}, from the {@code Authorization} header (null when absent). */
    static String signedService(String authorization) {
        Matcher m = CREDENTIAL.matcher(nullToEmpty(authorization));
        return m.find() ? m.group(3) : null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
