package dev.miniats.local.lambda;

import dev.miniats.local.aws.AwsException;

/**
 * Lambda's error codes and statuses (https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html
 * and each operation's Errors section), so the AWS CLI and SDKs see the exceptions they model.
 */
final class LambdaErrors {
    private LambdaErrors() {
    }

    /** Thrown when a parameter has a value Lambda refuses: {@code InvalidParameterValueException}, 400. */
    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterValueException", message);
    }

    /** Thrown when a value breaks a member's constraint (length, pattern, range): {@code ValidationException}, 400. */
    static AwsException validation(String value, String member, String constraint) {
        return new AwsException(400, "ValidationException", "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    /** Thrown when a function, version, alias or statement does not exist: {@code ResourceNotFoundException}, 404. */
    static AwsException notFound(String message) {
        return new AwsException(404, "ResourceNotFoundException", message);
    }

    /** Thrown when a resource already exists: {@code ResourceConflictException}, 409. */
    static AwsException conflict(String message) {
        return new AwsException(409, "ResourceConflictException", message);
    }

    /** Thrown when a request body is over Lambda's limit: {@code RequestEntityTooLargeException}, 413. */
    static AwsException tooLarge(String message) {
        return new AwsException(413, "RequestEntityTooLargeException", message);
    }

    /** Thrown when a function is at its concurrency limit: {@code TooManyRequestsException}, 429 (retryable). */
    static AwsException throttled(String message) {
        return new AwsException(429, "TooManyRequestsException", message);
    }

    /** Thrown when a {@code RevisionId} does not match the current one: {@code PreconditionFailedException}, 412. */
    static AwsException preconditionFailed(String message) {
        return new AwsException(412, "PreconditionFailedException", message);
    }
}
