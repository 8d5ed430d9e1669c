package dev.miniats.functions.replies;

/**
 * Thrown when calendar-reply's input is not SES receiving's Lambda event: not JSON, no
 * {@code Records}, another {@code eventSource}, a record without {@code mail} or {@code receipt},
 * or a {@code messageId} that is not an SES message id. Not retryable: the same input fails the same way.
 */
public class InvalidReceivingEventException extends IllegalArgumentException {
    public InvalidReceivingEventException(String message) {
        super(message);
    }

    public InvalidReceivingEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
