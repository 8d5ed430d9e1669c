package dev.miniats.core.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads and checks single fields of a JSON object, naming the field in every error. */
final class Fields {
    private static final Pattern CONTROL = Pattern.compile("[\\r\\n\\x00]");

    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static Fields of(JsonNode parent, String name, String path) {
        JsonNode child = parent.get(name);
        if (child == null || child.isNull()) {
            return new Fields(null, path);
        }
        if (!child.isObject()) {
            throw new InvalidEventException(path, child.toString(), "a JSON object");
        }
        return new Fields(child, path);
    }

    JsonNode raw() {
        return node;
    }

    boolean present() {
        return node != null;
    }

    String path(String name) {
        return path + "." + name;
    }

    /** A text field or null when absent; never a number or object in disguise. */
    String text(String name) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(path(name), value.toString(), "a JSON string");
        }
        return value.asText();
    }

    /**
     * A single-line text for headers and display names: CR, LF and NUL would let a value inject
     * headers (RFC 5322 section 2.2), so they are refused rather than stripped.
     */
    String line(String name, int maxLength, String fallback) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new InvalidEventException(path(name), value, "a non-empty string of at most " + maxLength + " characters");
            }
            return fallback;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength || CONTROL.matcher(stripped).find()) {
            throw new InvalidEventException(path(name), value,
                    "a single line (no CR, LF or NUL) of at most " + maxLength + " characters");
        }
        return stripped;
    }

    String optionalLine(String name, int maxLength) {
        String value = text(name);
        return value == null || value.isBlank() ? null : line(name, maxLength, null);
    }

    Instant instant(String name, Instant fallback) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(path(name), value, "an ISO-8601 UTC timestamp like 2026-12-01T15:00:00Z");
        }
    }

    LocalDate date(String name, LocalDate fallback) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(path(name), value, "an ISO-8601 date like 2026-12-01");
        }
    }

    int integer(String name, int fallback, int min, int max) {
        if (node == null || node.get(name) == null || node.get(name).isNull()) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new InvalidEventException(path(name), value.toString(), "a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** A whole number from min to max, or null when absent. */
    Integer optionalInteger(String name, int min, int max) {
        if (node == null || node.get(name) == null || node.get(name).isNull()) {
            return null;
        }
        return integer(name, min, min, max);
    }

    String url(String name) {
        String value = optionalLine(name, 2048);
        if (value == null) {
            return null;
        }
        if (!value.startsWith("https://") && !value.startsWith("http://")) {
            throw new InvalidEventException(path(name), value, "an http or https URL");
        }
        try {
            java.net.URI.create(value).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new InvalidEventException(path(name), value, "an http or https URL");
        }
        return value;
    }
}
