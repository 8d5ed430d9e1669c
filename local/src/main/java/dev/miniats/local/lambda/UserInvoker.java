package dev.miniats.local.lambda;

import dev.miniats.local.lambda.runtime.FunctionSpec;
import dev.miniats.local.lambda.runtime.InvokeOutcome;
import dev.miniats.local.lambda.runtime.InvokeRequest;
import dev.miniats.local.lambda.runtime.LambdaRuntime;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one invocation of a user function's version in an execution environment, with the
 * environment Lambda sets (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime):
 * the function's identity, region, handler, task root, the execution role's credentials and
 * {@code AWS_ENDPOINT_URL} pointing at this runtime, so unmodified SDK code calls the local services;
 * the user's variables on top. Thread-safe.
 */
final class UserInvoker {
    private final UserFunctions functions;
    private final URI endpoint;
    private final String region;
    private final int accountConcurrency;

    UserInvoker(UserFunctions functions, URI endpoint, String region, int accountConcurrency) {
        this.functions = functions;
        this.endpoint = endpoint;
        this.region = region;
        this.accountConcurrency = accountConcurrency;
    }

    /**
     * @throws dev.miniats.local.lambda.runtime.ProcessRuntime.ConcurrencyLimitExceededException when throttled
     */
    InvokeOutcome invoke(FunctionConfiguration c, InvokeRequest request, Consumer<String> logs) {
        StoredFunction function = functions.require(c.functionName());
        int concurrency = function.reservedConcurrency() != null ? function.reservedConcurrency() : accountConcurrency;
        return functions.runtime().invoke(spec(c, request.requestId()), concurrency, request, logs);
    }

    private FunctionSpec spec(FunctionConfiguration c, String requestId) {
        LambdaRuntime runtime = LambdaRuntime.of(c.runtime()).orElseThrow();
        Path taskRoot = functions.taskRoot(c);
        ExecutionRoles.Credentials credentials = functions.roles().credentialsFor(c.role(), c.functionName());
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", c.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", c.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(c.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + c.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", Invocation.logStream(c.functionName(), System.currentTimeMillis()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime.id());
        env.put("_HANDLER", c.handler() == null ? "" : c.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("TZ", ":UTC");
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials.sessionToken() != null) {
            env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        }
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        // Lambda has no shared config or credentials files: the environment alone configures the SDKs
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.putAll(c.variables());
        return new FunctionSpec(c.functionName(), c.version(), c.revisionId(), runtime, c.handler(), taskRoot, c.memoryMb(),
                c.timeoutSeconds(), c.functionArn(), env);
    }
}
