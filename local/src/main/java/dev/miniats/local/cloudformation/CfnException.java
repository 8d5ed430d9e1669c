package dev.miniats.local.cloudformation;

import dev.miniats.local.aws.AwsException;

/**
 * CloudFormation's errors as its Query API answers them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html).
 */
final class CfnException extends AwsException {
    private CfnException(String code, String message) {
        super(400, code, message);
    }

    /** Thrown when a template, a parameter or a request is invalid: {@code ValidationError}. */
    static CfnException invalid(String message) {
        return new CfnException("ValidationError", message);
    }

    /** Thrown when a stack or change set with that name already exists: {@code AlreadyExistsException}. */
    static CfnException alreadyExists(String message) {
        return new CfnException("AlreadyExistsException", message);
    }

    /** Thrown when IAM resources are created without CAPABILITY_IAM/CAPABILITY_NAMED_IAM: {@code InsufficientCapabilitiesException}. */
    static CfnException capabilities(String message) {
        return new CfnException("InsufficientCapabilitiesException", message);
    }

    /** Thrown when a change set does not exist: {@code ChangeSetNotFound}. */
    static CfnException changeSetNotFound(String name) {
        return new CfnException("ChangeSetNotFound", "ChangeSet [" + name + "] does not exist");
    }

    /** Thrown when a change set is executed that is not AVAILABLE: {@code InvalidChangeSetStatus}. */
    static final class InvalidChangeSetStatus extends AwsException {
        InvalidChangeSetStatus(String message) {
            super(400, "InvalidChangeSetStatus", message);
        }
    }
}
