package dev.miniats.local.lambda.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What an execution environment runs: one version of one function with its unpacked code and the
 * complete process environment (Lambda's reserved variables, the role's credentials, the user's
 * variables). Two specs that differ in anything get different environments, so a configuration
 * change never reaches a warm process started with the old one.
 *
 * @param key a stable identity of the function version and configuration (its revision id)
 */
public record FunctionSpec(String functionName, String version, String key, LambdaRuntime runtime, String handler, Path taskRoot,
                           int memoryMb, int timeoutSeconds, String functionArn, Map<String, String> environment) {
    public FunctionSpec {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(taskRoot, "taskRoot");
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds is " + timeoutSeconds + "; expected at least 1");
        }
        environment = Map.copyOf(environment);
    }
}
