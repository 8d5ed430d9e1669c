package dev.miniats.local.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a List operation, paged with {@code Limit} and {@code NextToken} as EventBridge's
 * ListRules, ListEventBuses, ListTargetsByRule and ListArchives document it
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html): {@code Limit}
 * is 1 to 100, and a {@code NextToken} is answered while more items follow.
 *
 * <p>The token is the key (name or id) of the last item answered, base64url-encoded: the next page
 * starts after that key in key order, so a page stays correct when items before or after it are
 * created or deleted between calls (an offset would skip or repeat items). Immutable.
 *
 * @param items     this page's items, in key order
 * @param nextToken where the next page starts, or null when this page is the last
 */
record Page<T>(List<T> items, String nextToken) {
    static final int MAX_LIMIT = 100;
    /** {@code NextToken}'s documented maximum length. */
    static final int MAX_TOKEN_LENGTH = 2048;
    private static final String PREFIX = "after:";

    Page {
        items = List.copyOf(items);
    }

    /**
     * The page of {@code all} (any order; sorted here by {@code key}) that starts after
     * {@code nextToken} and holds at most {@code limit} items (100 when null).
     *
     * @throws BusException.Validation when {@code limit} is out of 1..100 or {@code nextToken} was not answered by a List call
     */
    static <T> Page<T> of(List<T> all, Function<T, String> key, Integer limit, String nextToken) {
        int size = limit == null ? MAX_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BusException.Validation("Limit is " + size + "; expected 1 to " + MAX_LIMIT);
        }
        String after = nextToken == null ? null : decode(nextToken);
        List<T> remaining = all.stream().sorted(Comparator.comparing(key))
                .filter(item -> after == null || key.apply(item).compareTo(after) > 0).toList();
        List<T> page = remaining.subList(0, Math.min(size, remaining.size()));
        String next = remaining.size() > size ? encode(key.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page, next);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        String decoded = null;
        if (!token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH) {
            try {
                decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
        }
        if (decoded == null || !decoded.startsWith(PREFIX)) {
            throw new BusException.Validation("NextToken '" + abbreviate(token) + "' is not valid; expected a NextToken answered by"
                    + " the previous call of the same List operation");
        }
        return decoded.substring(PREFIX.length());
    }

    private static String abbreviate(String token) {
        return token.length() <= 64 ? token : token.substring(0, 64) + "…";
    }
}
