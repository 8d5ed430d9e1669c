package dev.miniats.local.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Space-delimited filter patterns (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#metric-filters-extract-spacedelimited):
 * {@code [ip, user, username, timestamp, request, status_code = 4*, bytes]} names the fields of
 * a line split on spaces, where {@code "..."} and {@code [...]} each make one field;
 * {@code ...} stands for any number of fields; a field may carry conditions
 * ({@link Comparison}s on any named field, joined with {@code &&} and {@code ||}). Without
 * {@code ...} the line must have exactly as many fields as the pattern. Immutable.
 */
record SpaceDelimitedPattern(List<String> fields, List<Predicate<Map<String, String>>> conditions) implements FilterPattern {
    static final String ELLIPSIS = "...";

    static SpaceDelimitedPattern parse(PatternScanner scanner) {
        scanner.expect("[", "[");
        List<String> fields = new ArrayList<>();
        List<Predicate<Map<String, String>>> conditions = new ArrayList<>();
        if (scanner.accept("]")) {
            return finish(scanner, fields, conditions);
        }
        do {
            scanner.skipSpaces();
            if (scanner.accept(ELLIPSIS)) {
                fields.add(ELLIPSIS);
                continue;
            }
            String name = scanner.word(",]=!<>&|");
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_$@.-]+")) {
                throw scanner.fail("a field name (letters, digits, _) or ...");
            }
            if (fields.contains(name)) {
                throw scanner.fail("a new field name; '" + name + "' is used twice");
            }
            fields.add(name);
            scanner.skipSpaces();
            if (scanner.peek() != ',' && scanner.peek() != ']') {
                conditions.add(condition(scanner, name));
            }
        } while (scanner.accept(","));
        scanner.expect("]", ", or the closing ]");
        return finish(scanner, fields, conditions);
    }

    private static SpaceDelimitedPattern finish(PatternScanner scanner, List<String> fields, List<Predicate<Map<String, String>>> conditions) {
        scanner.skipSpaces();
        if (!scanner.atEnd()) {
            throw scanner.fail("the end of the pattern after ]");
        }
        return new SpaceDelimitedPattern(List.copyOf(fields), List.copyOf(conditions));
    }

    /** {@code = 404}, or {@code status >= 400 && status < 500 || status = 302} naming fields explicitly. */
    private static Predicate<Map<String, String>> condition(PatternScanner scanner, String field) {
        Predicate<Map<String, String>> or = null;
        String current = field;
        boolean first = true;
        do {
            Predicate<Map<String, String>> and = null;
            do {
                if (!first) {
                    scanner.skipSpaces();
                    String named = scanner.word(",]=!<>&|");
                    current = named.isEmpty() ? field : named;
                }
                first = false;
                String name = current;
                Comparison comparison = Comparison.parse(scanner, ",]&|");
                Predicate<Map<String, String>> one = values -> comparison.test(values.get(name));
                and = and == null ? one : and.and(one);
            } while (scanner.accept("&&"));
            or = or == null ? and : or.or(and);
        } while (scanner.accept("||"));
        return or;
    }

    @Override
    public boolean matches(String message) {
        List<String> tokens = split(message);
        Map<String, String> values = new HashMap<>();
        return bind(0, 0, tokens, values) && conditions.stream().allMatch(c -> c.test(values));
    }

    /** Assigns tokens to fields from the given positions; an ellipsis takes as many as leave the rest matchable. */
    private boolean bind(int field, int token, List<String> tokens, Map<String, String> values) {
        if (field == fields.size()) {
            return token == tokens.size();
        }
        String name = fields.get(field);
        if (name.equals(ELLIPSIS)) {
            for (int skip = tokens.size() - token; skip >= 0; skip--) {
                if (bind(field + 1, token + skip, tokens, values)) {
                    return true;
                }
            }
            return false;
        }
        if (token == tokens.size()) {
            return false;
        }
        values.put(name, tokens.get(token));
        return bind(field + 1, token + 1, tokens, values);
    }

    /** The line's fields: split on spaces, with {@code "quoted"} and {@code [bracketed]} groups as one field, delimiters removed. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char close = c == '"' ? '"' : c == '[' ? ']' : 0;
            if (close != 0) {
                int end = line.indexOf(close, i + 1);
                if (end > 0) {
                    out.add(line.substring(i + 1, end));
                    i = end + 1;
                    continue;
                }
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            out.add(line.substring(start, i));
        }
        return out;
    }
}
