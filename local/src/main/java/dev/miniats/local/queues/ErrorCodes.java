package dev.miniats.local.queues;

/**
 * The runtime's delivery errors as the {@code ERROR_CODE} values EventBridge documents for dead
 * letters (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
 */
final class ErrorCodes {
    private ErrorCodes() {
    }

    static String of(String errorCode) {
        if (errorCode == null) {
            return "UNKNOWN";
        }
        return switch (errorCode) {
            case "ResourceNotFoundException" -> "NO_RESOURCE";
            case "AccessDeniedException" -> "NO_PERMISSIONS";
            case "TooManyRequestsException", "ThrottlingException" -> "THROTTLING";
            case "UnsupportedTarget" -> "INVALID_PARAMETER";
            default -> errorCode.contains("Timeout") || errorCode.contains("TimedOut") ? "TIMEOUT"
                    : errorCode.endsWith("StoreException") || errorCode.equals("IllegalStateException") ? "INTERNAL_ERROR"
                    : "ERROR_FROM_TARGET";
        };
    }
}
