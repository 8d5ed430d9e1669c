package dev.miniats.local.aws;

/**
 * Thrown by an operation to answer with an AWS error: the HTTP status, the service's error code
 * (e.g. {@code ResourceNotFoundException}) and message. The one error type of every service:
 * a service's own failures extend it, and {@link HttpServer} renders it in the shape of the
 * protocol the request used ({@link Protocol#renderError}). Not retryable unless the status is 5xx
 * or 429, as AWS SDKs read it.
 */
public class AwsException extends RuntimeException {
    private final int status;
    private final String code;

    public AwsException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** Thrown when a field is missing or out of bounds: {@code ValidationException}, 400. */
    public static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    /** Thrown when a named resource does not exist: {@code ResourceNotFoundException}, 404. */
    public static AwsException notFound(String message) {
        return new AwsException(404, "ResourceNotFoundException", message);
    }

    /** Thrown when a body cannot be read as the operation's request: {@code SerializationException}, 400. */
    public static AwsException serialization(String message) {
        return new AwsException(400, "SerializationException", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * The code for the protocol in use. A service whose two APIs name one failure differently
     * (SES v1 {@code InvalidParameterValue}, SES v2 {@code BadRequestException}) overrides this.
     */
    public String code(Protocol protocol) {
        return code;
    }
}
