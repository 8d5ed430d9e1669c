package dev.miniats.local.ecr;

import dev.miniats.local.aws.AwsException;

/**
 * An ECR error with its service's codes (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/CommonErrors.html
 * and each operation's Errors). Not retryable.
 */
public final class EcrException extends AwsException {
    private EcrException(String code, String message) {
        super(400, code, message);
    }

    /** Thrown when a named repository does not exist. */
    static EcrException notFound(String name, String registry) {
        return new EcrException("RepositoryNotFoundException", "The repository with name '" + name
                + "' does not exist in the registry with id '" + registry + "'");
    }

    /** Thrown when CreateRepository names a repository that exists. */
    static EcrException alreadyExists(String name, String registry) {
        return new EcrException("RepositoryAlreadyExistsException", "The repository with name '" + name
                + "' already exists in the registry with id '" + registry + "'");
    }

    /** Thrown when a repository has no lifecycle policy to answer. */
    static EcrException noLifecyclePolicy(String name, String registry) {
        return new EcrException("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository with name '"
                + name + "' in the registry with id '" + registry + "'");
    }

    /** Thrown when a repository has no repository policy to answer. */
    static EcrException noRepositoryPolicy(String name, String registry) {
        return new EcrException("RepositoryPolicyNotFoundException", "Repository policy does not exist for the repository with name '"
                + name + "' in the registry with id '" + registry + "'");
    }

    /** Thrown when a member is missing or malformed. */
    static EcrException invalid(String message) {
        return new EcrException("InvalidParameterException", message);
    }
}
