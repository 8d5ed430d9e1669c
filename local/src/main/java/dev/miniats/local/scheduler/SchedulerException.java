package dev.miniats.local.scheduler;

import dev.miniats.local.aws.AwsException;

/**
 * Thrown when a Scheduler request cannot be carried out, with the service's error codes
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/CommonErrors.html). Not retryable:
 * the same request fails the same way.
 */
final class SchedulerException extends AwsException {
    private SchedulerException(int status, String code, String message) {
        super(status, code, message);
    }

    /** Thrown when a field is missing, malformed or out of its documented bounds. */
    static SchedulerException invalid(String message) {
        return new SchedulerException(400, "ValidationException", message);
    }

    /** Thrown when a schedule or group named in a request does not exist. */
    static SchedulerException missing(String message) {
        return new SchedulerException(404, "ResourceNotFoundException", message);
    }

    /** Thrown when creating what exists, or deleting a group that is being deleted. */
    static SchedulerException conflict(String message) {
        return new SchedulerException(409, "ConflictException", message);
    }
}
