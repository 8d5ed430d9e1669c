package dev.miniats.local.iam;

import dev.miniats.local.aws.AwsException;

/**
 * Thrown when IAM refuses a request, with IAM's error code and status
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html and each action's
 * Errors section). None is retryable: the same request fails the same way.
 */
final class IamException extends AwsException {
    private IamException(int status, String code, String message) {
        super(status, code, message);
    }

    /** Thrown when a named role, policy or inline policy does not exist. */
    static IamException noSuchEntity(String message) {
        return new IamException(404, "NoSuchEntity", message);
    }

    /** Thrown when creating a role or policy whose name is taken (names are unique regardless of case). */
    static IamException alreadyExists(String message) {
        return new IamException(409, "EntityAlreadyExists", message);
    }

    /** Thrown when deleting a role that still has policies, or a policy still attached. */
    static IamException deleteConflict(String message) {
        return new IamException(409, "DeleteConflict", message);
    }

    /** Thrown when a policy document is not JSON or breaks the policy grammar. */
    static IamException malformedPolicy(String message) {
        return new IamException(400, "MalformedPolicyDocument", message);
    }

    /** Thrown when a parameter breaks its constraint (pattern, length, range). */
    static IamException validationError(String message) {
        return new IamException(400, "ValidationError", message);
    }

    /** Thrown when a parameter is well formed but not acceptable, such as an ARN that is not a policy ARN. */
    static IamException invalidInput(String message) {
        return new IamException(400, "InvalidInput", message);
    }

    /** Thrown (enforce mode) when a request is signed with temporary credentials whose session expired or is unknown. */
    static IamException expiredToken(String message) {
        return new IamException(403, "ExpiredToken", message);
    }

    /** Thrown when a document passes an IAM quota (policy size). */
    static IamException limitExceeded(String message) {
        return new IamException(409, "LimitExceeded", message);
    }
}
