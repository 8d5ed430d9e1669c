package dev.miniats.functions.pages;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a candidate page answers, in the shape Lambda function URLs and HTTP APIs read
 * (payload format 2.0): {@code statusCode}, {@code headers}, {@code cookies} (each a
 * {@code Set-Cookie} value) and {@code body}. Immutable.
 */
public record PageResponse(int statusCode, Map<String, String> headers, List<String> cookies, String body) {
    public PageResponse {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode is " + statusCode + "; expected an HTTP status 100 to 599");
        }
        headers = Map.copyOf(headers);
        cookies = List.copyOf(cookies);
        Objects.requireNonNull(body, "body");
    }
}
