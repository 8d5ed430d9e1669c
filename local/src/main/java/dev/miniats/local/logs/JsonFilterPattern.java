package dev.miniats.local.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * JSON filter patterns (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#metric-filters-extract-json):
 * {@code { SELECTOR OPERATOR VALUE }} where the selector is {@code $.a.b}, {@code $.list[0]} or
 * {@code $.grid[0][1].name}; comparisons as {@link Comparison}; {@code IS NULL},
 * {@code IS TRUE}, {@code IS FALSE}, {@code EXISTS}, {@code NOT EXISTS}; joined with
 * {@code &&} (binding tighter) and {@code ||}, grouped with parentheses. A message that is not
 * a JSON object matches no JSON pattern. Immutable.
 */
record JsonFilterPattern(Predicate<JsonNode> predicate) implements FilterPattern {
    private static final String VALUE_STOPS = "&|)}";

    static JsonFilterPattern parse(PatternScanner scanner) {
        scanner.expect("{", "{");
        Predicate<JsonNode> predicate = or(scanner);
        scanner.expect("}", "&&, || or the closing }");
        scanner.skipSpaces();
        if (!scanner.atEnd()) {
            throw scanner.fail("the end of the pattern after }");
        }
        return new JsonFilterPattern(predicate);
    }

    private static Predicate<JsonNode> or(PatternScanner scanner) {
        Predicate<JsonNode> left = and(scanner);
        while (scanner.accept("||")) {
            left = left.or(and(scanner));
        }
        return left;
    }

    private static Predicate<JsonNode> and(PatternScanner scanner) {
        Predicate<JsonNode> left = term(scanner);
        while (scanner.accept("&&")) {
            left = left.and(term(scanner));
        }
        return left;
    }

    private static Predicate<JsonNode> term(PatternScanner scanner) {
        if (scanner.accept("(")) {
            Predicate<JsonNode> inner = or(scanner);
            scanner.expect(")", "&&, || or the closing )");
            return inner;
        }
        List<Object> path = selector(scanner);
        if (scanner.acceptWord("IS")) {
            if (scanner.acceptWord("NULL")) {
                return root -> {
                    JsonNode v = resolve(root, path);
                    return v != null && v.isNull();
                };
            }
            boolean expected;
            if (scanner.acceptWord("TRUE")) {
                expected = true;
            } else if (scanner.acceptWord("FALSE")) {
                expected = false;
            } else {
                throw scanner.fail("NULL, TRUE or FALSE after IS");
            }
            return root -> {
                JsonNode v = resolve(root, path);
                return v != null && v.isBoolean() && v.booleanValue() == expected;
            };
        }
        if (scanner.acceptWord("NOT")) {
            if (!scanner.acceptWord("EXISTS")) {
                throw scanner.fail("EXISTS after NOT");
            }
            return root -> resolve(root, path) == null;
        }
        if (scanner.acceptWord("EXISTS")) {
            return root -> resolve(root, path) != null;
        }
        Comparison comparison = Comparison.parse(scanner, VALUE_STOPS);
        return root -> {
            JsonNode v = resolve(root, path);
            return v != null && !v.isContainerNode() && !v.isNull() && comparison.test(v.asText());
        };
    }

    /** {@code $.a.b[0]} as steps: property names (String) and indexes (Integer). */
    private static List<Object> selector(PatternScanner scanner) {
        scanner.skipSpaces();
        int start = scanner.position();
        if (!scanner.accept("$")) {
            throw scanner.fail("a selector such as $.level or $.items[0].id");
        }
        List<Object> path = new ArrayList<>();
        while (true) {
            if (scanner.peek() == '.') {
                scanner.accept(".");
                String name = scanner.word(".[]=!<>&|)} ");
                if (name.isEmpty()) {
                    throw scanner.fail("a property name after '.'");
                }
                path.add(name);
            } else if (scanner.peek() == '[') {
                scanner.accept("[");
                String index = scanner.word("]");
                if (!index.matches("\\d{1,9}")) {
                    throw scanner.fail("an array index such as [0]");
                }
                scanner.expect("]", "]");
                path.add(Integer.parseInt(index));
            } else {
                break;
            }
        }
        if (path.isEmpty()) {
            throw scanner.failAt(start, "a selector with at least one property, such as $.level");
        }
        return List.copyOf(path);
    }

    /** The node at {@code path}, or null when any step is missing. */
    private static JsonNode resolve(JsonNode root, List<Object> path) {
        JsonNode at = root;
        for (Object step : path) {
            at = step instanceof Integer i ? (at.isArray() ? at.get(i) : null) : (at.isObject() ? at.get((String) step) : null);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    @Override
    public boolean matches(String message) {
        String trimmed = message.strip();
        if (!trimmed.startsWith("{")) {
            return false;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(trimmed);
            return root != null && root.isObject() && predicate.test(root);
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
