package dev.miniats.local.iam;

import java.util.Objects;

/** An IAM role as stored; {@code trustPolicy} is the AssumeRolePolicyDocument exactly as sent. Immutable. */
record Role(String name, String path, String id, String arn, String trustPolicy, String description, int maxSessionDuration,
            long createdAt) {
    Role {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(trustPolicy, "trustPolicy");
    }
}
