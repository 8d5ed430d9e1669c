package dev.miniats.local.xray;

import dev.miniats.local.aws.AwsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * X-Ray filter expressions over traces
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html): the boolean
 * keywords {@code ok}, {@code error}, {@code fault}, {@code throttle}, {@code partial};
 * {@code responsetime} and {@code duration} compared with a number; {@code http.status},
 * {@code http.url}, {@code http.method} of the entry segment; {@code annotation.key} (also
 * {@code annotation[key]}) against a string, number or boolean; {@code service("name")} and
 * {@code id(name: "n", type: "t")}, optionally with a {@code { expression }} about that service;
 * joined with {@code AND}/{@code &&}, {@code OR}/{@code ||}, {@code NOT}/{@code !} and
 * parentheses. Hand-written: X-Ray's grammar is not published as a library.
 * Immutable and thread-safe once parsed.
 */
final class FilterExpression {
    private final Predicate<TraceFacts> predicate;

    private FilterExpression(Predicate<TraceFacts> predicate) {
        this.predicate = predicate;
    }

    /** Thrown when an expression cannot be read; X-Ray answers {@code InvalidRequestException}. */
    static final class InvalidFilterException extends AwsException {
        InvalidFilterException(String expression, int position, String problem) {
            super(400, "InvalidRequestException", "Invalid filter expression '" + expression + "' at position " + position
                    + ": " + problem);
        }
    }

    /** A filter that keeps everything when {@code expression} is null or blank. */
    static FilterExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return new FilterExpression(t -> true);
        }
        if (expression.length() > 2000) {
            throw new InvalidFilterException(expression.substring(0, 40) + "…", 2000, "longer than 2000 characters");
        }
        Parser parser = new Parser(expression);
        Predicate<TraceFacts> p = parser.or();
        parser.expectEnd();
        return new FilterExpression(p);
    }

    boolean matches(TraceFacts trace) {
        return predicate.test(trace);
    }

    private record Token(String kind, String text, int at) {
    }

    private static final class Parser {
        private final String source;
        private final List<Token> tokens;
        private int next;

        Parser(String source) {
            this.source = source;
            this.tokens = tokenize(source);
        }

        private List<Token> tokenize(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"') {
                    int end = s.indexOf('"', i + 1);
                    if (end < 0) {
                        throw fail(i, "the string is not closed with \"");
                    }
                    out.add(new Token("string", s.substring(i + 1, end), i));
                    i = end + 1;
                } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                    int start = i++;
                    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    out.add(new Token("number", s.substring(start, i), start));
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_.-[]".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                    out.add(new Token("word", s.substring(start, i), start));
                } else {
                    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                    if (List.of("&&", "||", "!=", "<=", ">=").contains(two)) {
                        out.add(new Token("op", two, i));
                        i += 2;
                    } else if ("=<>!(){},:".indexOf(c) >= 0) {
                        out.add(new Token("op", String.valueOf(c), i));
                        i++;
                    } else {
                        throw fail(i, "unexpected character '" + c + "'");
                    }
                }
            }
            return out;
        }

        private InvalidFilterException fail(int at, String problem) {
            return new InvalidFilterException(source, at, problem);
        }

        private Token peek() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        private int here() {
            Token t = peek();
            return t == null ? source.length() : t.at();
        }

        private boolean accept(String... texts) {
            Token t = peek();
            if (t != null && !t.kind().equals("string")) {
                for (String text : texts) {
                    if (t.text().equalsIgnoreCase(text)) {
                        next++;
                        return true;
                    }
                }
            }
            return false;
        }

        private void expect(String text) {
            if (!accept(text)) {
                throw fail(here(), "expected '" + text + "'");
            }
        }

        void expectEnd() {
            if (peek() != null) {
                throw fail(here(), "unexpected '" + peek().text() + "'");
            }
        }

        Predicate<TraceFacts> or() {
            Predicate<TraceFacts> left = and();
            while (accept("OR", "||")) {
                left = left.or(and());
            }
            return left;
        }

        private Predicate<TraceFacts> and() {
            Predicate<TraceFacts> left = not();
            while (accept("AND", "&&")) {
                left = left.and(not());
            }
            return left;
        }

        private Predicate<TraceFacts> not() {
            if (accept("NOT", "!")) {
                return not().negate();
            }
            if (accept("(")) {
                Predicate<TraceFacts> inner = or();
                expect(")");
                return inner;
            }
            return condition();
        }

        private Predicate<TraceFacts> condition() {
            Token t = peek();
            if (t == null || !t.kind().equals("word")) {
                throw fail(here(), "expected a keyword such as error, fault, responsetime, service(\"name\") or annotation.key");
            }
            next++;
            String word = t.text().toLowerCase(Locale.ROOT);
            return switch (word) {
                case "ok" -> bool(f -> !f.error() && !f.fault() && !f.throttle());
                case "error" -> bool(TraceFacts::error);
                case "fault" -> bool(TraceFacts::fault);
                case "throttle" -> bool(TraceFacts::throttle);
                case "partial" -> bool(TraceFacts::partial);
                case "responsetime" -> number(TraceFacts::responseTime);
                case "duration" -> number(TraceFacts::duration);
                case "http.status" -> number(f -> {
                    Integer status = f.entry() == null ? null : f.entry().httpStatus();
                    return status == null ? Double.NaN : status;
                });
                case "http.url" -> string(f -> f.entry() == null ? null : f.entry().httpRequestField("url"));
                case "http.method" -> string(f -> f.entry() == null ? null : f.entry().httpRequestField("method"));
                case "service" -> service(false);
                case "id" -> service(true);
                default -> {
                    if (word.startsWith("annotation.") || word.startsWith("annotation[")) {
                        yield annotation(t, t.text().startsWith("annotation.") ? t.text().substring(11)
                                : t.text().substring(11, Math.max(11, t.text().length() - 1)));
                    }
                    throw fail(t.at(), "unknown keyword '" + t.text() + "'");
                }
            };
        }

        /** {@code error} alone, or {@code error = true/false}. */
        private Predicate<TraceFacts> bool(Predicate<TraceFacts> p) {
            if (accept("=")) {
                return accept("true") ? p : accept("false") ? p.negate() : failValue("true or false");
            }
            if (accept("!=")) {
                return accept("true") ? p.negate() : accept("false") ? p : failValue("true or false");
            }
            return p;
        }

        private <T> T failValue(String expected) {
            throw fail(here(), "expected " + expected);
        }

        private Predicate<TraceFacts> number(java.util.function.ToDoubleFunction<TraceFacts> value) {
            String op = comparison();
            Token t = peek();
            if (t == null || !t.kind().equals("number")) {
                return failValue("a number after " + op);
            }
            next++;
            double n = Double.parseDouble(t.text());
            return f -> compare(value.applyAsDouble(f), op, n);
        }

        private String comparison() {
            for (String op : List.of("<=", ">=", "!=", "=", "<", ">")) {
                if (accept(op)) {
                    return op;
                }
            }
            return failValue("a comparison (=, !=, <, <=, >, >=)");
        }

        private static boolean compare(double a, String op, double b) {
            if (Double.isNaN(a)) {
                return false;
            }
            return switch (op) {
                case "=" -> a == b;
                case "!=" -> a != b;
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                default -> a >= b;
            };
        }

        private Predicate<TraceFacts> string(java.util.function.Function<TraceFacts, String> value) {
            String op = accept("CONTAINS") ? "contains" : accept("BEGINSWITH") ? "begins" : accept("ENDSWITH") ? "ends"
                    : accept("=") ? "=" : accept("!=") ? "!=" : failValue("=, !=, CONTAINS, BEGINSWITH or ENDSWITH");
            String expected = stringValue();
            return f -> {
                String v = value.apply(f);
                if (v == null) {
                    return op.equals("!=");
                }
                return switch (op) {
                    case "contains" -> v.contains(expected);
                    case "begins" -> v.startsWith(expected);
                    case "ends" -> v.endsWith(expected);
                    case "=" -> v.equals(expected);
                    default -> !v.equals(expected);
                };
            };
        }

        private String stringValue() {
            Token t = peek();
            if (t == null || !t.kind().equals("string")) {
                return failValue("a \"quoted string\"");
            }
            next++;
            return t.text();
        }

        private Predicate<TraceFacts> annotation(Token at, String key) {
            if (key.isEmpty()) {
                throw fail(at.at(), "annotation needs a key, as in annotation.candidateId");
            }
            Token op = peek();
            if (op == null || !op.kind().equals("op")) {
                return f -> f.annotations().containsKey(key);
            }
            String comparison = comparison();
            Token value = peek();
            if (value == null) {
                return failValue("a value after " + comparison);
            }
            next++;
            if (value.kind().equals("number")) {
                double n = Double.parseDouble(value.text());
                return f -> f.annotations().get(key) instanceof Number v && compare(v.doubleValue(), comparison, n);
            }
            Object expected = value.kind().equals("string") ? value.text()
                    : value.text().equalsIgnoreCase("true") ? Boolean.TRUE : value.text().equalsIgnoreCase("false") ? Boolean.FALSE
                    : failValue("a string, number, true or false");
            if (!comparison.equals("=") && !comparison.equals("!=")) {
                throw fail(value.at(), comparison + " compares numbers; use = or != for " + value.text());
            }
            return f -> f.annotations().containsKey(key) && expected.equals(f.annotations().get(key)) == comparison.equals("=");
        }

        /** {@code service("name")} / {@code id(name: "n", type: "t")}, with an optional {@code { expression }}. */
        private Predicate<TraceFacts> service(boolean id) {
            expect("(");
            String name = null;
            String type = null;
            if (id) {
                do {
                    Token key = peek();
                    if (accept("name")) {
                        expect(":");
                        name = stringValue();
                    } else if (accept("type")) {
                        expect(":");
                        type = stringValue();
                    } else {
                        throw fail(key == null ? source.length() : key.at(), "id(...) takes name: \"...\" and type: \"...\"");
                    }
                } while (accept(","));
                if (name == null) {
                    throw fail(here(), "id(...) needs name: \"...\"");
                }
            } else if (peek() != null && peek().kind().equals("string")) {
                name = stringValue();
            }
            expect(")");
            Predicate<TraceFacts> inner = accept("{") ? braced() : f -> true;
            String n = name;
            String t = type;
            if (n == null) {
                return inner; // service() with no name: any service
            }
            return f -> {
                TraceFacts of = f.service(n, t);
                return of != null && inner.test(of);
            };
        }

        private Predicate<TraceFacts> braced() {
            Predicate<TraceFacts> inner = or();
            expect("}");
            return inner;
        }
    }
}
