package dev.miniats.local.ssm;

import java.util.Objects;

/**
 * One parameter of Parameter Store at its latest version. Immutable.
 *
 * @param modifiedAt epoch milliseconds of the last PutParameter
 */
public record Parameter(String name, String type, String value, String description, String allowedPattern, String dataType,
                        long version, long modifiedAt) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(dataType, "dataType");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }
}
