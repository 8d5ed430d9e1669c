package dev.miniats.local.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Matching terms in unstructured log events
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#matching-terms-unstructured-log-events):
 * every plain term or {@code "quoted phrase"} must occur (case-sensitive), at least one
 * {@code ?term} when there are any, no {@code -term}; {@code %regex%} is a term that matches
 * where the expression finds a match. Immutable.
 */
record TermPattern(List<Predicate<String>> all, List<Predicate<String>> any, List<Predicate<String>> none) implements FilterPattern {

    static TermPattern parse(PatternScanner scanner) {
        List<Predicate<String>> all = new ArrayList<>();
        List<Predicate<String>> any = new ArrayList<>();
        List<Predicate<String>> none = new ArrayList<>();
        scanner.skipSpaces();
        while (!scanner.atEnd()) {
            List<Predicate<String>> into = scanner.accept("?") ? any : scanner.accept("-") ? none : all;
            char c = scanner.peek();
            Predicate<String> term;
            if (c == '"') {
                String phrase = scanner.quoted();
                term = message -> message.contains(phrase);
            } else if (c == '%') {
                java.util.regex.Pattern regex = scanner.regex();
                term = message -> regex.matcher(message).find();
            } else if (c == '{' || c == '[') {
                throw scanner.fail("a term; JSON { … } and space-delimited [ … ] patterns must be the whole pattern");
            } else {
                String word = scanner.word("");
                if (word.isEmpty()) {
                    throw scanner.fail("a term after ? or -");
                }
                term = message -> message.contains(word);
            }
            into.add(term);
            scanner.skipSpaces();
        }
        return new TermPattern(List.copyOf(all), List.copyOf(any), List.copyOf(none));
    }

    @Override
    public boolean matches(String message) {
        return all.stream().allMatch(t -> t.test(message)) && (any.isEmpty() || any.stream().anyMatch(t -> t.test(message)))
                && none.stream().noneMatch(t -> t.test(message));
    }
}
