package dev.miniats.local.lambda;

import dev.miniats.core.PermanentFailure;

/**
 * Thrown when a function invocation fails; carries Lambda's {@code errorType} and
 * {@code errorMessage}, whether a retry could succeed, and the error document the function's
 * runtime reported (null when the runtime itself reported none: built-in functions, timeouts).
 */
public final class FunctionError extends RuntimeException {
    private final String errorType;
    private final boolean retryable;
    private final byte[] document;

    public FunctionError(String errorType, String message, boolean retryable, Throwable cause) {
        this(errorType, message, retryable, cause, null);
    }

    public FunctionError(String errorType, String message, boolean retryable, Throwable cause, byte[] document) {
        super(message, cause);
        this.errorType = errorType;
        this.retryable = retryable;
        this.document = document == null ? null : document.clone();
    }

    /** Classifies what a handler threw: {@link PermanentFailure} is not retryable, anything else is. */
    public static FunctionError from(Throwable thrown) {
        return new FunctionError(thrown.getClass().getSimpleName(), String.valueOf(thrown.getMessage()),
                !(thrown instanceof PermanentFailure), thrown);
    }

    public String errorType() {
        return errorType;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The runtime's error document ({@code {"errorType", "errorMessage", ...}}), or null. */
    public byte[] document() {
        return document == null ? null : document.clone();
    }
}
