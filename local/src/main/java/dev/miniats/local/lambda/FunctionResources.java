package dev.miniats.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The control plane's operations as CloudFormation's AWS::Lambda::Function, Permission, Version
 * and Alias need them, with the same checks as the Lambda API. Thread-safe, as {@link UserFunctions}.
 */
public final class FunctionResources {
    private final UserFunctions users;
    private final PolicyApi policies;

    public FunctionResources(UserFunctions users) {
        this.users = users;
        this.policies = new PolicyApi(users);
    }

    /** A version or alias as Ref and Fn::GetAtt answer it. */
    public record Published(String arn, String version) {
    }

    /** A function URL as Ref ({@code functionArn}) and Fn::GetAtt ({@code FunctionUrl}) answer it. */
    public record Url(String functionArn, String functionUrl) {
    }

    /**
     * Creates the URL of {@code target} (a name or ARN, optionally {@code :alias}) or of its alias
     * {@code qualifier}; {@code cors} is CloudFormation's {@code Cors} object (or missing).
     */
    public Url createUrl(String target, String qualifier, String authType, com.fasterxml.jackson.databind.JsonNode cors,
                         String invokeMode) {
        return putUrl(target, qualifier, authType, cors, invokeMode, true);
    }

    /** Applies a new AuthType, Cors and InvokeMode to the URL of {@code target}. */
    public Url updateUrl(String target, String qualifier, String authType, com.fasterxml.jackson.databind.JsonNode cors,
                         String invokeMode) {
        return putUrl(target, qualifier, authType, cors, invokeMode, false);
    }

    private Url putUrl(String target, String qualifier, String authType, com.fasterxml.jackson.databind.JsonNode cors,
                       String invokeMode, boolean create) {
        FunctionName f = FunctionName.parse(target, qualifier);
        LambdaShapes.FunctionUrlConfigRequest request = new LambdaShapes.FunctionUrlConfigRequest(authType, cors(cors), invokeMode);
        LambdaShapes.FunctionUrlConfig c = create ? users.urls().create(f.name(), f.qualifier(), request)
                : users.urls().update(f.name(), f.qualifier(), request);
        return new Url(c.functionArn(), c.functionUrl());
    }

    /** Deletes the URL of {@code target}; no-op when it or its function is gone. */
    public void deleteUrl(String target, String qualifier) {
        FunctionName f = FunctionName.parse(target, qualifier);
        try {
            users.urls().delete(f.name(), f.qualifier());
        } catch (dev.miniats.local.aws.AwsException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private static LambdaShapes.Cors cors(com.fasterxml.jackson.databind.JsonNode cors) {
        if (cors == null || cors.isMissingNode() || cors.isNull()) {
            return null;
        }
        return dev.miniats.local.aws.Json.read(cors.toString(), LambdaShapes.Cors.class);
    }

    /**
     * Creates a function from inline source, as CloudFormation's {@code Code.ZipFile} does
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-code.html):
     * the source becomes {@code index.js} (Node.js) or {@code index.py} (Python) in a zip. Returns its ARN.
     */
    public String createInline(String name, String runtime, String role, String handler, String source, String description,
                               Integer timeout, Integer memorySize, Map<String, String> environment) {
        String file = runtime != null && runtime.startsWith("python") ? "index.py" : "index.js";
        return create(name, runtime, role, handler, zip(file, source), description, timeout, memorySize, environment);
    }

    /**
     * Creates a function from a deployment package (a zip or jar), as CloudFormation's
     * {@code Code.S3Bucket}/{@code S3Key} does once the object is read. Returns its ARN.
     */
    public String create(String name, String runtime, String role, String handler, byte[] zip, String description,
                         Integer timeout, Integer memorySize, Map<String, String> environment) {
        return users.create(new LambdaShapes.CreateFunctionRequest(name, runtime, role, handler,
                new LambdaShapes.FunctionCode(Base64.getEncoder().encodeToString(zip), null, null, null, null), description, timeout,
                memorySize, false, environment == null ? null : new FunctionConfiguration.Environment(environment), null, null, "Zip", null))
                .functionArn();
    }

    /** Deletes a function; no-op when it is gone. */
    public void delete(String name) {
        if (users.exists(name)) {
            users.delete(name, null);
        }
    }

    public Published publishVersion(String function, String description) {
        FunctionConfiguration c = users.publish(function, new LambdaShapes.PublishVersionRequest(null, description, null));
        return new Published(c.functionArn(), c.version());
    }

    public Published createAlias(String function, String alias, String version, String description) {
        LambdaShapes.AliasConfiguration c = users.putAlias(function, alias, version, description, true, null);
        return new Published(c.aliasArn(), c.functionVersion());
    }

    /** Deletes an alias; no-op when the function is gone. */
    public void deleteAlias(String function, String alias) {
        if (users.exists(function)) {
            users.deleteAlias(function, alias);
        }
    }

    /** AddPermission with its checks, on the function or on {@code qualifier} (a version or alias). */
    public void addPermission(String function, String qualifier, String statementId, String action, String principal,
                              String sourceArn, String sourceAccount) {
        policies.add(new FunctionName(function, qualifier), new LambdaShapes.AddPermissionRequest(statementId, action, principal,
                sourceArn, sourceAccount, null, null, null, null));
    }

    /** Removes a statement; no-op when the function or statement is gone. */
    public void removePermission(String function, String statementId) {
        if (users.exists(function) && users.require(function).policy().stream().anyMatch(s -> s.sid().equals(statementId))) {
            users.store().removeStatement(function, statementId);
        }
    }

    private static byte[] zip(String file, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(file));
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("zipping in memory does not fail", e);
        }
        return out.toByteArray();
    }
}
