package dev.miniats.local.lambda;

import dev.miniats.core.PermanentFailure;

/**
 * Thrown when a function invocation fails; carries Lambda's {@code errorType} and
 * {@code errorMessage}, and whether a retry could succeed.
 */
public final class FunctionError extends RuntimeException {
    private final String errorType;
    private final boolean retryable;

    public FunctionError(String errorType, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
        this.retryable = retryable;
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
}
