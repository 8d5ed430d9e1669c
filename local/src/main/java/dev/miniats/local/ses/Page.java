package dev.miniats.local.ses;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of an SES listing, with AWS's opaque NextToken (here: the offset, base64-encoded) and a
 * page size within what the API documents; a bad one is SES's invalid-parameter error in either API.
 */
record Page<T>(List<T> items, String nextToken) {
    static <T> Page<T> of(List<T> all, String nextToken, String pageSize, int maxPageSize) {
        int from = nextToken == null || nextToken.isEmpty() ? 0 : offset(nextToken);
        int size = maxPageSize;
        if (pageSize != null && !pageSize.isBlank()) {
            try {
                size = Integer.parseInt(pageSize.strip());
            } catch (NumberFormatException e) {
                throw new InvalidSesRequestException("Page size is '" + pageSize + "'; expected a whole number");
            }
            if (size < 1 || size > maxPageSize) {
                throw new InvalidSesRequestException("Page size is " + size + "; expected 1 to " + maxPageSize);
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
        throw new InvalidSesRequestException("NextToken '" + token + "' is not one this service issued");
    }
}
