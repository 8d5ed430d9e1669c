package dev.miniats.local.events;

import dev.miniats.local.aws.AwsException;

/**
 * Thrown when an EventBridge control-plane request cannot be carried out; carries the AWS error
 * code and HTTP status EventBridge answers with, so the HTTP layer maps every subclass in one
 * place. None of these is retryable: the same request fails the same way until it changes.
 */
public abstract class BusException extends AwsException {
    BusException(int status, String code, String message) {
        super(status, code, message);
    }

    /** Thrown when a bus, rule, archive or replay named in a request does not exist. */
    public static final class NotFound extends BusException {
        public NotFound(String message) {
            super(400, "ResourceNotFoundException", message);
        }
    }

    /** Thrown when creating a bus, archive or replay whose name is taken. */
    public static final class AlreadyExists extends BusException {
        public AlreadyExists(String message) {
            super(400, "ResourceAlreadyExistsException", message);
        }
    }

    /** Thrown when an event pattern is not valid JSON, uses an unknown operator, or exceeds 2,048 characters. */
    public static final class InvalidEventPattern extends BusException {
        public InvalidEventPattern(String message) {
            super(400, "InvalidEventPatternException", message);
        }
    }

    /** Thrown when a request field is missing or out of its documented bounds. */
    public static final class Validation extends BusException {
        public Validation(String message) {
            super(400, "ValidationException", message);
        }
    }

    /** Thrown when a request would exceed one of EventBridge's quotas (e.g. 5 targets per rule). */
    public static final class LimitExceeded extends BusException {
        public LimitExceeded(String message) {
            super(400, "LimitExceededException", message);
        }
    }

    /** Thrown when deleting something still in use, e.g. a rule that has targets. */
    public static final class InUse extends BusException {
        public InUse(String message) {
            super(400, "ValidationException", message);
        }
    }
}
