package dev.miniats.local.lambda;

import dev.miniats.local.lambda.runtime.LambdaRuntime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The checks Lambda makes on a function's settings before it changes anything
 * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html, quotas from
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). Stateless.
 */
final class FunctionValidation {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    static final Pattern HANDLER = Pattern.compile("[^\\s]{1,128}");
    static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    /** The zip a request may carry directly (50 MB); larger ones go through S3 on AWS. */
    static final int MAX_DIRECT_ZIP_BYTES = 50 * 1024 * 1024;
    /** Lambda's request limit for CreateFunction and UpdateFunctionCode: a 50 MB zip, base64-encoded, in JSON. */
    static final long MAX_CODE_REQUEST_BYTES = 70_167_211L;
    static final int MAX_ENVIRONMENT_BYTES = 4 * 1024;
    /** Variables Lambda sets itself and refuses to let a function override. */
    static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");

    private FunctionValidation() {
    }

    static void name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw LambdaErrors.validation(name, "functionName", "Member must satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
    }

    static LambdaRuntime runtime(String id) {
        if (id == null) {
            throw LambdaErrors.invalidParameter("Runtime is required for a function whose PackageType is Zip; expected one of "
                    + LambdaRuntime.ids());
        }
        return LambdaRuntime.of(id).orElseThrow(() -> LambdaErrors.invalidParameter("Value " + id
                + " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: " + LambdaRuntime.ids()
                + " or be a valid ARN"));
    }

    static void handler(String handler, LambdaRuntime runtime) {
        if (handler == null) {
            if (runtime.family() != LambdaRuntime.Family.PROVIDED) {
                throw LambdaErrors.invalidParameter("Handler is required for the runtime " + runtime.id()
                        + "; expected e.g. index.handler (Node.js, Python) or example.Handler::handleRequest (Java)");
            }
            return;
        }
        if (!HANDLER.matcher(handler).matches()) {
            throw LambdaErrors.validation(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+ and have length"
                    + " less than or equal to 128");
        }
    }

    static void role(String role, ExecutionRoles roles) {
        if (role == null || !ExecutionRoles.ROLE_ARN.matcher(role).matches()) {
            throw LambdaErrors.validation(role, "role", "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
        }
        if (!roles.exists(role)) {
            // Lambda's own words when the role is missing or does not trust lambda.amazonaws.com
            throw LambdaErrors.invalidParameter("The role defined for the function cannot be assumed by Lambda.");
        }
    }

    static void timeout(Integer timeout) {
        if (timeout != null && (timeout < 1 || timeout > 900)) {
            throw LambdaErrors.validation(String.valueOf(timeout), "timeout", "Member must have value between 1 and 900 (seconds)");
        }
    }

    static void memory(Integer memory) {
        if (memory != null && (memory < 128 || memory > 10_240)) {
            throw LambdaErrors.validation(String.valueOf(memory), "memorySize", "Member must have value between 128 and 10240 (MB)");
        }
    }

    static void environment(Map<String, String> variables) {
        if (variables == null) {
            return;
        }
        Set<String> reserved = new TreeSet<>(variables.keySet());
        reserved.retainAll(RESERVED);
        if (!reserved.isEmpty()) {
            throw LambdaErrors.invalidParameter("Lambda was unable to configure your environment variables because the environment"
                    + " variables you have provided contains reserved keys that are currently not supported for modification."
                    + " Reserved keys used in this request: " + String.join(", ", reserved));
        }
        int bytes = 0;
        for (Map.Entry<String, String> e : variables.entrySet()) {
            if (!ENV_KEY.matcher(e.getKey()).matches()) {
                throw LambdaErrors.validation(e.getKey(), "environment.variables", "Member must satisfy regular expression pattern:"
                        + " [a-zA-Z]([a-zA-Z0-9_])+ (a variable name: a letter, then letters, digits or underscores)");
            }
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + String.valueOf(e.getValue()).getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_ENVIRONMENT_BYTES) {
            throw LambdaErrors.invalidParameter("Lambda was unable to configure your environment variables because the environment"
                    + " variables you have provided exceeded the 4KB limit. String measured: " + bytes + " bytes");
        }
    }

    /** The uploaded zip, decoded and checked. */
    static byte[] zip(String zipFile, String s3Bucket, String imageUri, String operation) {
        if (imageUri != null) {
            throw LambdaErrors.invalidParameter("Container images (ImageUri) are not supported by the local Lambda; upload a zip with"
                    + " --zip-file");
        }
        if (s3Bucket != null) {
            throw LambdaErrors.invalidParameter("Code from S3 (S3Bucket " + s3Bucket + ") is not supported by the local Lambda; upload"
                    + " the zip with --zip-file");
        }
        if (zipFile == null || zipFile.isEmpty()) {
            throw LambdaErrors.invalidParameter("Code.ZipFile is required: the function's deployment package (a zip), e.g. --zip-file"
                    + " fileb://function.zip");
        }
        if ((long) zipFile.length() * 3 / 4 > MAX_DIRECT_ZIP_BYTES + 3) {
            throw tooLarge(operation);
        }
        byte[] zip;
        try {
            zip = Base64.getMimeDecoder().decode(zipFile);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.invalidParameter("Code.ZipFile is not base64: " + e.getMessage());
        }
        if (zip.length > MAX_DIRECT_ZIP_BYTES) {
            throw tooLarge(operation);
        }
        try {
            CodeArchive.check(zip);
        } catch (CodeArchive.InvalidArchiveException e) {
            throw LambdaErrors.invalidParameter(e.getMessage());
        }
        return zip;
    }

    /** Lambda's answer to an oversized direct upload. */
    static dev.miniats.local.aws.AwsException tooLarge(String operation) {
        return LambdaErrors.tooLarge("Request must be smaller than " + MAX_CODE_REQUEST_BYTES + " bytes for the " + operation
                + " operation");
    }

    static List<String> architectures(List<String> architectures) {
        if (architectures == null || architectures.isEmpty()) {
            return List.of("x86_64");
        }
        if (architectures.size() != 1 || !List.of("x86_64", "arm64").contains(architectures.get(0))) {
            throw LambdaErrors.validation(String.valueOf(architectures), "architectures", "Member must have length 1 and contain"
                    + " x86_64 or arm64");
        }
        return architectures;
    }
}
