package dev.miniats.local.lambda;

import java.util.List;
import java.util.Map;

/**
 * The request and answer shapes of Lambda's control plane, with Lambda's member names
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html). Records only: the
 * operations validate them, so a rejected request names Lambda's field.
 */
final class LambdaShapes {
    private LambdaShapes() {
    }

    /** {@code Code} of CreateFunction; only {@code ZipFile} (base64) is accepted locally. */
    record FunctionCode(String zipFile, String s3Bucket, String s3Key, String s3ObjectVersion, String imageUri) {
    }

    record CreateFunctionRequest(String functionName, String runtime, String role, String handler, FunctionCode code,
                                 String description, Integer timeout, Integer memorySize, Boolean publish,
                                 FunctionConfiguration.Environment environment, FunctionConfiguration.TracingConfig tracingConfig,
                                 List<String> architectures, String packageType,
                                 FunctionConfiguration.DeadLetterConfig deadLetterConfig) {
    }

    record UpdateFunctionCodeRequest(String zipFile, String s3Bucket, String s3Key, String imageUri, Boolean publish,
                                     String revisionId) {
    }

    record UpdateFunctionConfigurationRequest(String role, String handler, String description, Integer timeout,
                                              Integer memorySize, FunctionConfiguration.Environment environment, String runtime,
                                              FunctionConfiguration.TracingConfig tracingConfig, String revisionId,
                                              FunctionConfiguration.DeadLetterConfig deadLetterConfig) {
    }

    record FunctionCodeLocation(String repositoryType, String location) {
    }

    record Concurrency(Integer reservedConcurrentExecutions) {
    }

    record GetFunctionResponse(FunctionConfiguration configuration, FunctionCodeLocation code, Concurrency concurrency,
                               Map<String, String> tags) {
    }

    record ListFunctionsResponse(List<FunctionConfiguration> functions, String nextMarker) {
    }

    record ListVersionsResponse(List<FunctionConfiguration> versions, String nextMarker) {
    }

    record PublishVersionRequest(String codeSha256, String description, String revisionId) {
    }

    record CreateAliasRequest(String name, String functionVersion, String description) {
    }

    record UpdateAliasRequest(String functionVersion, String description, String revisionId) {
    }

    record AliasConfiguration(String aliasArn, String name, String functionVersion, String description, String revisionId) {
    }

    record ListAliasesResponse(List<AliasConfiguration> aliases, String nextMarker) {
    }

    record AddPermissionRequest(String statementId, String action, String principal, String sourceArn, String sourceAccount,
                                String eventSourceToken, String principalOrgID, String revisionId, String functionUrlAuthType) {
    }

    /** {@code Statement} is the added statement as a JSON string, as Lambda answers it. */
    record AddPermissionResponse(String statement) {
    }

    /** {@code Policy} is the whole resource policy as a JSON string. */
    record GetPolicyResponse(String policy, String revisionId) {
    }

    /** A function URL's CORS settings (https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html). */
    record Cors(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods, List<String> allowOrigins,
                List<String> exposeHeaders, Integer maxAge) {
    }

    /** The body of Create- and UpdateFunctionUrlConfig. */
    record FunctionUrlConfigRequest(String authType, Cors cors, String invokeMode) {
    }

    /** A function URL as Create/Get/Update/ListFunctionUrlConfigs answer it. */
    record FunctionUrlConfig(String functionUrl, String functionArn, String authType, Cors cors, String creationTime,
                             String lastModifiedTime, String invokeMode) {
        FunctionUrlConfig withUrl(String url) {
            return new FunctionUrlConfig(url, functionArn, authType, cors, creationTime, lastModifiedTime, invokeMode);
        }
    }

    record ListFunctionUrlConfigsResponse(List<FunctionUrlConfig> functionUrlConfigs, String nextMarker) {
    }
}
