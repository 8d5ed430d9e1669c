package dev.miniats.local.logs;

import java.math.BigDecimal;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The expression of a Logs Insights {@code filter} command: comparisons of a field with a number
 * or a quoted string, {@code like}/{@code not like} with a {@code /regex/} or a quoted substring,
 * {@code ispresent(field)}, {@code not}, {@code and}, {@code or} and parentheses. Not
 * thread-safe: one per parse; the predicate it returns is immutable.
 */
final class InsightsFilter {
    private final String source;
    private int at;

    InsightsFilter(String source) {
        this.source = source;
    }

    Predicate<InsightsQuery.Row> parse() {
        Predicate<InsightsQuery.Row> p = or();
        skip();
        if (at < source.length()) {
            throw fail("the end of the filter");
        }
        return p;
    }

    private InsightsQuery.MalformedQueryException fail(String expected) {
        return new InsightsQuery.MalformedQueryException("filter '" + source + "': expected " + expected + " at position " + at);
    }

    private void skip() {
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
            at++;
        }
    }

    private boolean word(String w) {
        skip();
        int end = at + w.length();
        if (source.regionMatches(true, at, w, 0, w.length()) && (end >= source.length() || !Character.isLetterOrDigit(source.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skip();
        if (source.startsWith(s, at)) {
            at += s.length();
            return true;
        }
        return false;
    }

    private Predicate<InsightsQuery.Row> or() {
        Predicate<InsightsQuery.Row> left = and();
        while (word("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<InsightsQuery.Row> and() {
        Predicate<InsightsQuery.Row> left = not();
        while (word("and")) {
            left = left.and(not());
        }
        return left;
    }

    private Predicate<InsightsQuery.Row> not() {
        if (word("not")) {
            return not().negate();
        }
        if (symbol("(")) {
            Predicate<InsightsQuery.Row> inner = or();
            if (!symbol(")")) {
                throw fail(")");
            }
            return inner;
        }
        if (word("ispresent")) {
            if (!symbol("(")) {
                throw fail("( after ispresent");
            }
            String field = field();
            if (!symbol(")")) {
                throw fail(")");
            }
            return row -> row.fields().containsKey(field);
        }
        return comparison();
    }

    private String field() {
        skip();
        var m = InsightsQuery.FIELD.matcher(source).region(at, source.length());
        if (!m.lookingAt()) {
            throw fail("a field name such as @message or level");
        }
        at = m.end();
        return m.group();
    }

    private Predicate<InsightsQuery.Row> comparison() {
        String field = field();
        boolean negated = word("not");
        if (word("like") || symbol("=~")) {
            Pattern pattern = likeOperand();
            return row -> {
                String v = row.fields().get(field);
                return v != null && pattern.matcher(v).find() != negated;
            };
        }
        if (negated) {
            throw fail("like after not");
        }
        String op = null;
        for (String candidate : new String[]{"!=", "<=", ">=", "==", "=", "<", ">"}) {
            if (symbol(candidate)) {
                op = candidate.equals("==") ? "=" : candidate;
                break;
            }
        }
        if (op == null) {
            throw fail("a comparison (=, !=, <, <=, >, >=, like) after " + field);
        }
        skip();
        String value = literal();
        BigDecimal number = InsightsQuery.number(value);
        String o = op;
        return row -> {
            String v = row.fields().get(field);
            if (v == null) {
                return false;
            }
            BigDecimal n = InsightsQuery.number(v);
            return Comparison.holds(number != null && n != null ? n.compareTo(number) : v.compareTo(value), o);
        };
    }

    /** A quoted string or a number. */
    private String literal() {
        char c = at < source.length() ? source.charAt(at) : 0;
        if (c == '"' || c == '\'') {
            int end = source.indexOf(c, at + 1);
            if (end < 0) {
                throw fail("a closing " + c);
            }
            String s = source.substring(at + 1, end);
            at = end + 1;
            return s;
        }
        int start = at;
        while (at < source.length() && (Character.isDigit(source.charAt(at)) || "-.eE".indexOf(source.charAt(at)) >= 0)) {
            at++;
        }
        if (start == at) {
            throw fail("a number or a quoted string");
        }
        return source.substring(start, at);
    }

    private Pattern likeOperand() {
        skip();
        if (at < source.length() && source.charAt(at) == '/') {
            int end = source.indexOf('/', at + 1);
            if (end < 0) {
                throw fail("a closing / for the regular expression");
            }
            String regex = source.substring(at + 1, end);
            at = end + 1;
            boolean ignoreCase = at < source.length() && source.charAt(at) == 'i';
            at += ignoreCase ? 1 : 0;
            try {
                return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            } catch (PatternSyntaxException e) {
                throw fail("a valid regular expression (" + e.getDescription() + ")");
            }
        }
        return Pattern.compile(Pattern.quote(literal())); // a quoted operand: a case-sensitive substring
    }
}
