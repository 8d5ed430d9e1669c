package dev.miniats.local.iam;

import java.util.Objects;

/**
 * A managed policy: AWS managed ({@code arn:aws:iam::aws:policy/...}, from the jar's data files)
 * or customer managed (created with CreatePolicy, in SQLite). One version, the default.
 * {@code document} is the JSON text as IAM returns it (URL-encoding happens on the wire). Immutable.
 */
record ManagedPolicy(String name, String path, String id, String arn, String description, String versionId, String document,
                     long createdAt, long updatedAt, boolean awsManaged) {
    ManagedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(document, "document");
    }
}
