package dev.miniats.local.logs;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One comparison of a JSON property or a space-delimited field with a value, as both pattern
 * kinds write it: {@code = != < <= > >=} against a number, {@code =}/{@code !=} against a
 * string (quoted, or unquoted; {@code *} is a wildcard) or a {@code %regex%}. Immutable.
 */
record Comparison(String op, BigDecimal number, Pattern text) {
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** Reads an operator and its value; {@code stops} end an unquoted value (besides spaces). */
    static Comparison parse(PatternScanner scanner, String stops) {
        String op = null;
        for (String candidate : new String[]{"!=", "<=", ">=", "=", "<", ">"}) {
            if (scanner.accept(candidate)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            throw scanner.fail("a comparison: =, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE, EXISTS or NOT EXISTS");
        }
        scanner.skipSpaces();
        int at = scanner.position();
        char c = scanner.peek();
        BigDecimal number = null;
        Pattern text;
        if (c == '"') {
            text = wildcard(scanner.quoted());
        } else if (c == '%') {
            text = scanner.regex();
        } else {
            String word = scanner.word(stops);
            if (word.isEmpty()) {
                throw scanner.fail("a value after " + op + ": a number, a \"string\" or a %regex%");
            }
            if (NUMBER.matcher(word).matches()) {
                number = new BigDecimal(word);
                text = null;
            } else {
                text = wildcard(word);
            }
        }
        if (number == null && !op.equals("=") && !op.equals("!=")) {
            throw scanner.failAt(at, "a number after " + op + " (strings and regular expressions compare with = or !=)");
        }
        // a %regex% finds a match anywhere; a string (with * wildcards) must match the whole value
        return new Comparison(op, number, text);
    }

    private static Pattern wildcard(String literal) {
        StringBuilder regex = new StringBuilder("^");
        for (String part : literal.split("\\*", -1)) {
            if (regex.length() > 1) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.append('$').toString(), Pattern.DOTALL);
    }

    /** Whether a comparison's outcome ({@code order}, as {@code compareTo} answers) satisfies {@code op}. */
    static boolean holds(int order, String op) {
        return switch (op) {
            case "=" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    /** Whether {@code value} (null when absent) satisfies this comparison; an absent value satisfies none. */
    boolean test(String value) {
        if (value == null) {
            return false;
        }
        if (number != null) {
            if (!NUMBER.matcher(value).matches()) {
                return false;
            }
            return holds(new BigDecimal(value).compareTo(number), op);
        }
        boolean found = text.matcher(value).find();
        return op.equals("=") == found;
    }
}
