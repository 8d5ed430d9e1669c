package dev.miniats.local.aws;

import io.javalin.http.Context;

/** Query-string and path parameters of REST routes, with a {@code ValidationException} naming a bad one. */
public final class QueryStrings {
    private QueryStrings() {
    }

    /** A whole number within {@code [min, max]}, or {@code fallback} when absent. */
    public static long number(Context ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw AwsException.validation("Query parameter " + name + " is '" + raw + "'; expected a whole number from " + min + " to " + max);
    }

    /** {@code true} or {@code false} (any case); false when absent. */
    public static boolean bool(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank() || raw.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw AwsException.validation("Query parameter " + name + " is '" + raw + "'; expected true or false");
    }

    /** A whole-number path parameter. */
    public static long pathNumber(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw AwsException.validation("Path parameter " + name + " is '" + raw + "'; expected a whole number");
        }
    }
}
