package dev.miniats.core.routing;

import software.amazon.event.ruler.JsonRuleCompiler;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Checks EventBridge patterns with event-ruler, the engine EventBridge itself uses. */
public final class EventPatterns {
    /** EventBridge's limit on a rule's event pattern. */
    public static final int MAX_PATTERN_LENGTH = 2048;

    private EventPatterns() {
    }

    /**
     * Returns null when {@code pattern} is a valid EventBridge pattern, otherwise event-ruler's
     * explanation of what is wrong.
     */
    public static String problemWith(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "Event pattern is empty.";
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            return "Event pattern is " + pattern.length() + " characters long; the maximum is " + MAX_PATTERN_LENGTH + ".";
        }
        try {
            List<Map<String, List<software.amazon.event.ruler.Patterns>>> compiled = JsonRuleCompiler.compile(pattern);
            return compiled.isEmpty() ? "Event pattern matches nothing." : null;
        } catch (IOException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static void requireValid(String pattern) {
        String problem = problemWith(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid event pattern " + pattern + ": " + problem);
        }
    }
}
