package dev.miniats.local.http;

/**
 * Thrown by an API handler to answer with an AWS error: the HTTP status, the service's error
 * code (e.g. {@code ResourceNotFoundException}) and message. {@link HttpServer} renders it in the
 * shape of the protocol the request used (JSON 1.1, REST-JSON or Query XML).
 */
public final class AwsException extends RuntimeException {
    private final int status;
    private final String code;

    public AwsException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    public static AwsException notFound(String message) {
        return new AwsException(404, "ResourceNotFoundException", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
