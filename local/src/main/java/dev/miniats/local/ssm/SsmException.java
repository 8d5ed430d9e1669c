package dev.miniats.local.ssm;

import dev.miniats.local.aws.AwsException;

/**
 * An SSM error with Parameter Store's codes
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html#API_PutParameter_Errors).
 * Not retryable.
 */
public final class SsmException extends AwsException {
    private SsmException(String code, String message) {
        super(400, code, message);
    }

    /** Thrown when a named parameter (or the version a selector names) does not exist. */
    static SsmException parameterNotFound(String name) {
        return new SsmException("ParameterNotFound", "Parameter " + name + " not found.");
    }

    /** Thrown when PutParameter names an existing parameter without Overwrite. */
    static SsmException alreadyExists(String name) {
        return new SsmException("ParameterAlreadyExists", "The parameter " + name
                + " already exists. To overwrite this value, set the overwrite option in the request to true.");
    }

    /** Thrown when a selector asks for a version that is not the stored one. */
    static SsmException versionNotFound(String name, String selector) {
        return new SsmException("ParameterVersionNotFound", "Systems Manager could not find version " + selector + " of " + name
                + ". Verify the version and try again.");
    }

    /** Thrown when a value does not match the parameter's AllowedPattern. */
    static SsmException patternMismatch(String pattern) {
        return new SsmException("ParameterPatternMismatchException", "Parameter value, cannot be validated against allowedPattern: "
                + pattern);
    }

    /** Thrown when Type is not String, StringList or SecureString. */
    static SsmException unsupportedType(String type) {
        return new SsmException("UnsupportedParameterType", "Parameter type " + type
                + " is not supported; expected String, StringList or SecureString.");
    }

    /** Thrown when a name has more levels than Parameter Store allows. */
    static SsmException hierarchyTooDeep(String name, int max) {
        return new SsmException("HierarchyLevelLimitExceededException", "Parameter " + name + " has more than " + max
                + " hierarchy levels; a parameter name can have at most " + max + " levels of '/'.");
    }

    /** Thrown when a member is missing or out of its bounds. */
    static SsmException invalid(String message) {
        return new SsmException("ValidationException", message);
    }
}
