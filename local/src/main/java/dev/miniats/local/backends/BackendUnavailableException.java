package dev.miniats.local.backends;

import dev.miniats.local.aws.AwsException;

/** Thrown when an embedded backend cannot be started or reached; answered as a 503 naming what is missing. */
public final class BackendUnavailableException extends AwsException {
    public BackendUnavailableException(String message) {
        super(503, "ServiceUnavailable", message);
    }
}
