package dev.miniats.local.logs;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A cursor over a filter pattern, with CloudWatch's errors naming the position. Not thread-safe: one per parse. */
final class PatternScanner {
    private final String source;
    private int at;

    PatternScanner(String source) {
        this.source = source;
    }

    char peek() {
        return at < source.length() ? source.charAt(at) : '\0';
    }

    boolean atEnd() {
        return at >= source.length();
    }

    int position() {
        return at;
    }

    void skipSpaces() {
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
            at++;
        }
    }

    /** Consumes {@code text} (after spaces) when it comes next. */
    boolean accept(String text) {
        skipSpaces();
        if (source.startsWith(text, at)) {
            at += text.length();
            return true;
        }
        return false;
    }

    /** Consumes the keyword {@code word} (case-insensitive, followed by a non-letter) when it comes next. */
    boolean acceptWord(String word) {
        skipSpaces();
        int end = at + word.length();
        if (source.regionMatches(true, at, word, 0, word.length()) && (end >= source.length() || !Character.isLetter(source.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    void expect(String text, String what) {
        if (!accept(text)) {
            throw fail(what);
        }
    }

    FilterPattern.InvalidPatternException fail(String expected) {
        return failAt(at, expected);
    }

    FilterPattern.InvalidPatternException failAt(int position, String expected) {
        return new FilterPattern.InvalidPatternException(source, position, "expected " + expected
                + (atEnd() ? " but the pattern ended" : " but found '" + source.charAt(Math.min(position, source.length() - 1)) + "'"));
    }

    /** A {@code "quoted"} string (backslash escapes the next character); the cursor is on the opening quote. */
    String quoted() {
        int start = at++;
        StringBuilder out = new StringBuilder();
        while (at < source.length() && source.charAt(at) != '"') {
            if (source.charAt(at) == '\\' && at + 1 < source.length()) {
                at++;
            }
            out.append(source.charAt(at++));
        }
        if (atEnd()) {
            throw failAt(start, "a closing \" for the string opened here");
        }
        at++;
        return out.toString();
    }

    /** A {@code %regex%}; the cursor is on the opening %. */
    Pattern regex() {
        int start = at++;
        int end = source.indexOf('%', at);
        while (end > 0 && source.charAt(end - 1) == '\\') {
            end = source.indexOf('%', end + 1);
        }
        if (end < 0) {
            throw failAt(start, "a closing % for the regular expression opened here");
        }
        String regex = source.substring(at, end);
        at = end + 1;
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new FilterPattern.InvalidPatternException(source, start + 1 + Math.max(0, e.getIndex()),
                    "the regular expression is invalid: " + e.getDescription());
        }
    }

    /** Characters up to a space or one of {@code stops}. */
    String word(String stops) {
        int start = at;
        while (at < source.length() && !Character.isWhitespace(source.charAt(at)) && stops.indexOf(source.charAt(at)) < 0) {
            at++;
        }
        return source.substring(start, at);
    }
}
