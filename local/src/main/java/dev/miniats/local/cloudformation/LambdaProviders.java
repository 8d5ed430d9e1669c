package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.lambda.FunctionResources;
import dev.miniats.local.s3.S3;

import java.util.HashMap;
import java.util.Map;

/**
 * AWS::Lambda::Function (inline {@code Code.ZipFile}, or a package in the local S3), Permission, Version and Alias, made through
 * Lambda's control plane so {@code aws lambda get-function} shows them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html).
 */
final class LambdaProviders {
    private LambdaProviders() {
    }

    static void register(ResourceProviders registry, FunctionResources lambda, S3 s3) {
        registry.register("AWS::Lambda::Function", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("FunctionName").asText(naming.name(64));
                JsonNode code = p.path("Code");
                if (!code.has("ZipFile") && !code.has("S3Bucket")) {
                    throw CfnException.invalid("Function " + name + ": Code needs ZipFile (inline source) or S3Bucket and S3Key;"
                            + " container images (ImageUri) are not supported locally");
                }
                Map<String, String> env = null;
                if (p.path("Environment").has("Variables")) {
                    env = new HashMap<>();
                    for (var e : p.path("Environment").path("Variables").properties()) {
                        env.put(e.getKey(), e.getValue().asText());
                    }
                }
                Integer timeout = p.has("Timeout") ? p.get("Timeout").asInt() : null;
                Integer memory = p.has("MemorySize") ? p.get("MemorySize").asInt() : null;
                String arn = code.has("ZipFile")
                        ? lambda.createInline(name, p.path("Runtime").asText(null), p.path("Role").asText(null),
                                p.path("Handler").asText(null), code.path("ZipFile").asText(), p.path("Description").asText(null),
                                timeout, memory, env)
                        : lambda.create(name, p.path("Runtime").asText(null), p.path("Role").asText(null), p.path("Handler").asText(null),
                                s3Code(s3, name, code), p.path("Description").asText(null), timeout, memory, env);
                return new Made(name, Map.of("Arn", arn));
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                lambda.delete(physicalId);
            }
        });
        registry.register("AWS::Lambda::Permission", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String sid = naming.name(100);
                lambda.addPermission(function(p.path("FunctionName").asText()), null, sid, p.path("Action").asText(null),
                        p.path("Principal").asText(null), p.path("SourceArn").asText(null), p.path("SourceAccount").asText(null));
                return new Made(sid, Map.of());
            }

            @Override
            public void delete(String physicalId, JsonNode p) {
                lambda.removePermission(function(p.path("FunctionName").asText()), physicalId);
            }
        });
        registry.register("AWS::Lambda::Version", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                FunctionResources.Published v = lambda.publishVersion(function(p.path("FunctionName").asText()),
                        p.path("Description").asText(null));
                return new Made(v.arn(), Map.of("Version", v.version()));
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                // a version goes with its function; the local Lambda deletes no single version
            }
        });
        registry.register("AWS::Lambda::Alias", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                FunctionResources.Published a = lambda.createAlias(function(p.path("FunctionName").asText()), p.path("Name").asText(),
                        p.path("FunctionVersion").asText(), p.path("Description").asText(null));
                return new Made(a.arn(), Map.of());
            }

            @Override
            public void delete(String physicalId, JsonNode p) {
                lambda.deleteAlias(function(p.path("FunctionName").asText()), p.path("Name").asText());
            }
        });
    }

    /** The deployment package at Code.S3Bucket/S3Key in the local S3, with Lambda's error when it is not there. */
    private static byte[] s3Code(S3 s3, String function, JsonNode code) {
        String bucket = code.path("S3Bucket").asText();
        String key = code.path("S3Key").asText("");
        try {
            return s3.object(bucket, key);
        } catch (AwsException e) {
            throw CfnException.invalid("Resource handler returned message: \"Error occurred while GetObject. S3 Error Code: " + e.code()
                    + ". S3 Error Message: " + e.getMessage() + " (Function " + function + ", S3Bucket " + bucket + ", S3Key " + key + ")\"");
        }
    }

    /** A function named by name, ARN or partial ARN, as the Function property may be written. */
    private static String function(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn.contains(":") ? nameOrArn.substring(0, nameOrArn.indexOf(':')) : nameOrArn;
        }
        String[] parts = nameOrArn.split(":");
        return parts.length > 6 ? parts[6] : nameOrArn;
    }
}
