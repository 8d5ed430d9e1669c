package dev.miniats.local.logs;

import dev.miniats.local.aws.AwsException;

/**
 * A CloudWatch Logs filter pattern, as FilterLogEvents applies it to each log event's message
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 * <ul>
 *   <li>terms and quoted phrases that must all occur, {@code ?term} (any of), {@code -term}
 *       (none of) and {@code %regex%} ({@link TermPattern});</li>
 *   <li>JSON patterns in braces, {@code { $.level = "ERROR" && $.latency > 100 }}, with string,
 *       wildcard, numeric and regex comparisons, {@code IS NULL}, {@code (NOT) EXISTS},
 *       {@code IS TRUE/FALSE}, {@code &&}, {@code ||}, parentheses and array indexes
 *       ({@link JsonFilterPattern});</li>
 *   <li>space-delimited patterns in brackets, {@code [ip, user, ..., status = 4*, bytes]}
 *       ({@link SpaceDelimitedPattern}).</li>
 * </ul>
 * The parser is hand-written: no library implements this syntax (it is CloudWatch's own), and
 * event-ruler's patterns are a different language. Patterns are immutable and thread-safe.
 */
interface FilterPattern {
    boolean matches(String message);

    /** Parses {@code pattern}; null or blank matches every event. */
    static FilterPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return message -> true;
        }
        if (pattern.length() > 1024) {
            // CloudWatch's limit on a filter pattern
            throw new InvalidPatternException(pattern.substring(0, 32) + "…", 1024, "a pattern is at most 1024 characters");
        }
        PatternScanner scanner = new PatternScanner(pattern);
        scanner.skipSpaces();
        return switch (scanner.peek()) {
            case '{' -> JsonFilterPattern.parse(scanner);
            case '[' -> SpaceDelimitedPattern.parse(scanner);
            default -> TermPattern.parse(scanner);
        };
    }

    /** Thrown when a filter pattern cannot be read: CloudWatch's {@code InvalidParameterException}, naming the position. */
    final class InvalidPatternException extends AwsException {
        InvalidPatternException(String pattern, int position, String problem) {
            super(400, "InvalidParameterException", "filterPattern is '" + pattern + "'; invalid at position " + position + ": "
                    + problem);
        }
    }
}
