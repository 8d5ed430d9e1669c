package dev.miniats.local.aws;

import io.javalin.http.Context;

/**
 * What an operation may know about the call besides its typed input: the request id it answers
 * with, the X-Ray trace header ({@code X-Amzn-Trace-Id}, null when absent), and the region and
 * access key of the SigV4 credential scope (the runtime does not verify signatures; it reads the
 * scope to route and to name the caller).
 */
public record AwsRequest(String requestId, String traceHeader, String region, String accessKeyId) {

    /** Reads the call's metadata; {@code defaultRegion} when the request is unsigned. */
    public static AwsRequest of(Context ctx, String requestId, String defaultRegion) {
        return of(ctx.header("Authorization"), ctx.header("X-Amzn-Trace-Id"), requestId, defaultRegion);
    }

    /** As {@link #of(Context, String, String)}, from the two headers it reads (null when absent). */
    static AwsRequest of(String authorization, String traceHeader, String requestId, String defaultRegion) {
        return of(Scope.of(authorization), traceHeader, requestId, defaultRegion);
    }

    /** As {@link #of(Context, String, String)}, from a scope already read (null when unsigned). */
    static AwsRequest of(Scope scope, String traceHeader, String requestId, String defaultRegion) {
        return scope != null ? new AwsRequest(requestId, traceHeader, scope.region(), scope.accessKeyId())
                : new AwsRequest(requestId, traceHeader, defaultRegion, null);
    }

    /** The signing name of the service the request was signed for ({@code ses}, {@code iam}, …), or null when unsigned. */
    public static String signedService(Context ctx) {
        return signedService(ctx.header("Authorization"));
    }

    /** As {@link #signedService(Context)}, from the {@code Authorization} header (null when absent). */
    static String signedService(String authorization) {
        Scope scope = Scope.of(authorization);
        return scope == null ? null : scope.service();
    }

    /**
     * The SigV4 credential scope of an {@code Authorization} header,
     * {@code Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request}
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
     *
     * <p>Read by hand rather than with a regular expression, once per request: a profile of
     * single-entry PutEvents put the expression's two searches at ~8% of the request threads'
     * samples; JMH measured them at ~590 ns a request, against ~120 ns for this (issue #15).
     */
    record Scope(String accessKeyId, String region, String service) {
        private static final String CREDENTIAL = "Credential=";
        private static final String TERMINATOR = "aws4_request";

        /**
         * The first well-formed scope in {@code authorization}, or null when there is none
         * (unsigned, another scheme, or a malformed credential). Each part is one or more
         * characters other than {@code /}, {@code ,} and whitespace; the date is eight digits.
         */
        static Scope of(String authorization) {
            if (authorization == null) {
                return null;
            }
            for (int at = authorization.indexOf(CREDENTIAL); at >= 0; at = authorization.indexOf(CREDENTIAL, at + 1)) {
                Scope scope = at(authorization, at + CREDENTIAL.length());
                if (scope != null) {
                    return scope;
                }
            }
            return null;
        }

        private static Scope at(String h, int keyStart) {
            int keyEnd = partEnd(h, keyStart);
            if (keyEnd == keyStart || !slashAt(h, keyEnd)) {
                return null;
            }
            int date = keyEnd + 1;
            for (int i = date; i < date + 8; i++) {
                if (i >= h.length() || h.charAt(i) < '0' || h.charAt(i) > '9') {
                    return null;
                }
            }
            if (!slashAt(h, date + 8)) {
                return null;
            }
            int regionStart = date + 9;
            int regionEnd = partEnd(h, regionStart);
            if (regionEnd == regionStart || !slashAt(h, regionEnd)) {
                return null;
            }
            int serviceStart = regionEnd + 1;
            int serviceEnd = partEnd(h, serviceStart);
            if (serviceEnd == serviceStart || !slashAt(h, serviceEnd) || !h.startsWith(TERMINATOR, serviceEnd + 1)) {
                return null;
            }
            return new Scope(h.substring(keyStart, keyEnd), h.substring(regionStart, regionEnd), h.substring(serviceStart, serviceEnd));
        }

        /** Where the part starting at {@code from} ends: at a {@code /}, {@code ,}, whitespace, or the end. */
        private static int partEnd(String h, int from) {
            int i = from;
            while (i < h.length()) {
                char c = h.charAt(i);
                if (c == '/' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                    break;
                }
                i++;
            }
            return i;
        }

        private static boolean slashAt(String h, int i) {
            return i < h.length() && h.charAt(i) == '/';
        }
    }
}
