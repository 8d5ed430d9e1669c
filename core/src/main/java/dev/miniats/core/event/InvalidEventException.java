package dev.miniats.core.event;

import dev.miniats.core.PermanentFailure;

/**
 * Thrown when an event's {@code detail} breaks the contract: a field is missing, malformed or
 * out of range. Permanent: retrying the same event can never succeed, so the bus sends it
 * straight to the dead letters.
 */
public final class InvalidEventException extends RuntimeException implements PermanentFailure {
    private final String field;
    private final String value;
    private final String expected;

    public InvalidEventException(String field, String value, String expected) {
        super(describe(field, value, expected));
        this.field = field;
        this.value = value;
        this.expected = expected;
    }

    private static String describe(String field, String value, String expected) {
        String shown = value == null ? "missing" : "'" + abbreviate(value) + "'";
        return field + " is " + (value == null ? shown : "invalid: " + shown) + "; expected " + expected;
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }

    /** The JSON path of the offending field, e.g. {@code detail.toEmail}. */
    public String field() {
        return field;
    }

    /** The rejected value, or null when the field was missing. */
    public String value() {
        return value;
    }

    public String expected() {
        return expected;
    }
}
