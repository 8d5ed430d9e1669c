package dev.miniats.local.iam;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Protocol;

/**
 * Thrown when, with {@code --iam enforce}, a role session's policies do not allow a request. Query
 * services (SES v1, STS) name it {@code AccessDenied}; JSON and REST services
 * {@code AccessDeniedException} (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
 * Not retryable.
 */
final class AccessDeniedException extends AwsException {
    AccessDeniedException(String message) {
        super(403, "AccessDenied", message);
    }

    @Override
    public String code(Protocol protocol) {
        return protocol == Protocol.QUERY ? "AccessDenied" : "AccessDeniedException";
    }
}
