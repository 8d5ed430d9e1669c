package dev.miniats.local.ecr;

import java.util.Objects;

/**
 * One ECR repository. Images are not kept locally (there is no registry to push to), so a
 * repository is its settings and policies. Immutable.
 *
 * @param createdAt epoch milliseconds
 */
public record Repository(String name, String registryId, String tagMutability, boolean scanOnPush, String lifecyclePolicy,
                         String repositoryPolicy, long createdAt) {
    public Repository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registryId, "registryId");
        if (!tagMutability.equals("MUTABLE") && !tagMutability.equals("IMMUTABLE")) {
            throw EcrException.invalid("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: "
                    + "'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]', was " + tagMutability);
        }
    }

    Repository withLifecyclePolicy(String text) {
        return new Repository(name, registryId, tagMutability, scanOnPush, text, repositoryPolicy, createdAt);
    }

    Repository withRepositoryPolicy(String text) {
        return new Repository(name, registryId, tagMutability, scanOnPush, lifecyclePolicy, text, createdAt);
    }
}
