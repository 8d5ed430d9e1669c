package dev.miniats.local.lambda;

import java.util.List;
import java.util.Map;

/**
 * A function version's configuration as Lambda answers it
 * (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html); also the form
 * a user function's versions are stored in. Absent members are null and left out of answers.
 */
public record FunctionConfiguration(String functionName, String functionArn, String runtime, String role, String handler,
                                    Long codeSize, String description, Integer timeout, Integer memorySize,
                                    String lastModified, String codeSha256, String version, Environment environment,
                                    TracingConfig tracingConfig, String revisionId, String state, String stateReason,
                                    String stateReasonCode, String lastUpdateStatus, String packageType,
                                    List<String> architectures, EphemeralStorage ephemeralStorage, LoggingConfig loggingConfig,
                                    DeadLetterConfig deadLetterConfig) {
    /** Lambda's defaults (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html). */
    public static final int DEFAULT_TIMEOUT = 3;
    public static final int DEFAULT_MEMORY = 128;
    public static final String LATEST = "$LATEST";

    public FunctionConfiguration {
        architectures = architectures == null ? null : List.copyOf(architectures);
    }

    /** The user's environment variables ({@code {"Variables": {...}}}). */
    public record Environment(Map<String, String> variables) {
        public Environment {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    public record TracingConfig(String mode) {
    }

    public record EphemeralStorage(Integer size) {
    }

    public record LoggingConfig(String logFormat, String logGroup) {
    }

    /** Where failed asynchronous events go ({@code TargetArn}, an SQS queue); an empty one removes it. */
    public record DeadLetterConfig(String targetArn) {
    }

    /** The user's environment variables, never null. */
    public Map<String, String> variables() {
        return environment == null ? Map.of() : environment.variables();
    }

    int timeoutSeconds() {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    int memoryMb() {
        return memorySize == null ? DEFAULT_MEMORY : memorySize;
    }

    /** This configuration as version {@code version} of the function, with that version's ARN. */
    FunctionConfiguration asVersion(String version, String arn, String revisionId) {
        return new FunctionConfiguration(functionName, arn, runtime, role, handler, codeSize, description, timeout, memorySize,
                lastModified, codeSha256, version, environment, tracingConfig, revisionId, state, stateReason, stateReasonCode,
                lastUpdateStatus, packageType, architectures, ephemeralStorage, loggingConfig, deadLetterConfig);
    }
}
