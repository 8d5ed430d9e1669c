package dev.miniats.local.events;

import java.util.regex.Pattern;

/**
 * Checks of request members, with the messages EventBridge answers ("1 validation error
 * detected: Value … at '…' failed to satisfy constraint: …"). Stateless.
 */
final class Fields {
    static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    static final Pattern TARGET_ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    private Fields() {
    }

    /** {@code value}, which must be present and match {@code shape}. */
    static String required(String value, String field, Pattern shape) {
        if (value == null) {
            throw missing(field);
        }
        if (!shape.matcher(value).matches()) {
            throw new BusException.Validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + shape.pattern());
        }
        return value;
    }

    /** {@code value}, which must be present and not blank. */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return value;
    }

    /** {@code value}, which must be present (a list, a structure). */
    static <T> T present(T value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    private static BusException.Validation missing(String field) {
        return new BusException.Validation("1 validation error detected: Value null at '" + field
                + "' failed to satisfy constraint: Member must not be null");
    }
}
