package dev.miniats.local.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing, with AWS's opaque NextToken (here: the offset, base64-encoded) and a
 * page size clamped to what the API documents.
 */
record Page<T>(List<T> items, String nextToken) {
    static <T> Page<T> of(List<T> all, String nextToken, String pageSize, int maxPageSize) {
        int from = nextToken == null || nextToken.isEmpty() ? 0 : offset(nextToken);
        int size = maxPageSize;
        if (pageSize != null && !pageSize.isBlank()) {
            try {
                size = Integer.parseInt(pageSize.strip());
            } catch (NumberFormatException e) {
                throw new AwsException(400, "InvalidParameterValue", "Page size is '" + pageSize + "'; expected a whole number");
            }
            if (size < 1 || size > maxPageSize) {
                throw new AwsException(400, "InvalidParameterValue", "Page size is " + size + "; expected 1 to " + maxPageSize);
            }
        }
        int to = Math.min(all.size(), from + size);
        List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList(from, to));
        String next = to < all.size() ? Base64.getUrlEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.US_ASCII)) : null;
        return new Page<>(items, next);
    }

    private static int offset(String token) {
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII));
            if (offset >= 0) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException is an IllegalArgumentException too; both fall through
        }
        throw new AwsException(400, "InvalidParameterValue", "NextToken '" + token + "' is not one this service issued");
    }
}
