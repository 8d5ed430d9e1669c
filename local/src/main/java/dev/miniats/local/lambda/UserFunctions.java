package dev.miniats.local.lambda;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.lambda.LambdaShapes.AliasConfiguration;
import dev.miniats.local.lambda.LambdaShapes.CreateFunctionRequest;
import dev.miniats.local.lambda.LambdaShapes.UpdateFunctionCodeRequest;
import dev.miniats.local.lambda.LambdaShapes.UpdateFunctionConfigurationRequest;
import dev.miniats.local.lambda.runtime.LambdaRuntime;
import dev.miniats.local.lambda.runtime.ProcessRuntime;
import dev.miniats.local.sqlite.Database;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Lambda's control plane for the functions users deploy: create, update code and configuration,
 * publish versions, aliases, reserved concurrency, delete; each change validated first, so a bad
 * request changes nothing. The functions run through {@link UserInvoker}. Thread-safe: changes to
 * one store are serialized there.
 */
public final class UserFunctions {
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final FunctionStore store;
    private final Arns arns;
    private final ExecutionRoles roles;
    private final ProcessRuntime runtime;
    private final Clock clock;
    private final Path tasksDir;
    private final FunctionUrls urls;
    private final EventInvokeConfigStore eventInvokeConfigs;

    public UserFunctions(Database db, Path dataDir, Arns arns, ExecutionRoles roles, ProcessRuntime runtime, Clock clock) {
        this.store = new FunctionStore(db, dataDir);
        this.arns = arns;
        this.roles = roles;
        this.runtime = runtime;
        this.clock = clock;
        this.tasksDir = dataDir.resolve("lambda").resolve("tasks");
        this.urls = new FunctionUrls(db, clock);
        this.eventInvokeConfigs = new EventInvokeConfigStore(db);
    }

    public boolean exists(String name) {
        return store.get(name).isPresent();
    }

    public Collection<String> names() {
        return store.all().stream().map(StoredFunction::name).toList();
    }

    /** The function's resource policy statements (for the delivery check), empty when it has none or does not exist. */
    public boolean allowsInvoke(String function, String service, String sourceArn) {
        return store.get(function).map(f -> f.policy().stream().anyMatch(s -> s.allowsInvoke(service, sourceArn))).orElse(false);
    }

    /**
     * Why AWS would refuse a request to the {@code AuthType NONE} URL of {@code function} ({@code qualifier}
     * "" for the function itself): no statement of its resource-based policy makes it public. Null when one
     * does. Records it (logged) unless {@link #enforcesPermissions()}.
     */
    String publicUrlRefusal(String function, String qualifier) {
        String arn = arns.lambdaFunction(function) + (qualifier.isEmpty() ? "" : ":" + qualifier);
        if (store.get(function).map(f -> f.policy().stream().anyMatch(s -> s.allowsPublicUrl(arn))).orElse(true)) {
            return null;
        }
        return "The function URL of " + arn + " has AuthType NONE but no statement of its resource-based policy allows"
                + " lambda:InvokeFunctionUrl to everyone; allow it with aws lambda add-permission --function-name " + function
                + (qualifier.isEmpty() ? "" : " --qualifier " + qualifier) + " --statement-id FunctionURLAllowPublicAccess"
                + " --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE";
    }

    /** Whether resource-based policies are enforced ({@code --iam enforce}) rather than recorded. */
    boolean enforcesPermissions() {
        return roles.enforced();
    }

    /**
     * Why EventBridge may not invoke {@code function} for the rule {@code ruleArn}, as AWS would refuse
     * it: no statement of the function's resource policy allows {@code events.amazonaws.com} with that
     * rule as {@code SourceArn}. Null when allowed, or when {@code function} is not a user function.
     */
    public String eventsRefusal(String function, String ruleArn) {
        if (!exists(function) || allowsInvoke(function, "events.amazonaws.com", ruleArn)) {
            return null;
        }
        return "events.amazonaws.com is not authorized to perform lambda:InvokeFunction on " + arns.lambdaFunction(function)
                + ": no statement of its resource-based policy allows the rule " + ruleArn + " (SourceArn). Allow it with"
                + " aws lambda add-permission --function-name " + function + " --statement-id <id> --action lambda:InvokeFunction"
                + " --principal events.amazonaws.com --source-arn " + ruleArn;
    }

    Optional<StoredFunction> get(String name) {
        return store.get(name);
    }

    Collection<StoredFunction> all() {
        return store.all();
    }

    StoredFunction require(String name) {
        return store.get(name).orElseThrow(() -> LambdaErrors.notFound("Function not found: " + arns.lambdaFunction(name)));
    }

    /** The configuration {@code qualifier} names, or ResourceNotFoundException as Lambda answers. */
    FunctionConfiguration resolve(String name, String qualifier) {
        FunctionConfiguration configuration = require(name).resolve(qualifier);
        if (configuration == null) {
            throw LambdaErrors.notFound("Function not found: " + arns.lambdaFunction(name) + ":" + qualifier);
        }
        return configuration;
    }

    Path codeFile(String name, String codeSha256) {
        return store.codeFile(name, codeSha256);
    }

    Path taskRoot(FunctionConfiguration configuration) {
        Path zip = store.codeFile(configuration.functionName(), configuration.codeSha256());
        return CodeArchive.unpack(zip, tasksDir.resolve(configuration.functionName()).resolve(CodeArchive.hex(configuration.codeSha256())));
    }

    ExecutionRoles roles() {
        return roles;
    }

    ProcessRuntime runtime() {
        return runtime;
    }

    FunctionConfiguration create(CreateFunctionRequest r) {
        FunctionValidation.name(r.functionName());
        if (r.packageType() != null && !"Zip".equals(r.packageType())) {
            throw LambdaErrors.invalidParameter("PackageType " + r.packageType() + " is not supported by the local Lambda; expected Zip");
        }
        LambdaRuntime lambdaRuntime = FunctionValidation.runtime(r.runtime());
        FunctionValidation.handler(r.handler(), lambdaRuntime);
        FunctionValidation.timeout(r.timeout());
        FunctionValidation.memory(r.memorySize());
        FunctionValidation.environment(r.environment() == null ? null : r.environment().variables());
        List<String> architectures = FunctionValidation.architectures(r.architectures());
        FunctionValidation.role(r.role(), roles);
        runtime.missing(lambdaRuntime).ifPresent(why -> {
            throw LambdaErrors.invalidParameter(why);
        });
        LambdaShapes.FunctionCode code = r.code() == null ? new LambdaShapes.FunctionCode(null, null, null, null, null) : r.code();
        byte[] zip = FunctionValidation.zip(code.zipFile(), code.s3Bucket(), code.imageUri(), "CreateFunction");
        if (exists(r.functionName())) {
            throw LambdaErrors.conflict("Function already exist: " + r.functionName());
        }
        String name = r.functionName();
        FunctionConfiguration latest = new FunctionConfiguration(name, arns.lambdaFunction(name), lambdaRuntime.id(), r.role(),
                r.handler(), (long) zip.length, r.description() == null ? "" : r.description(),
                r.timeout() == null ? FunctionConfiguration.DEFAULT_TIMEOUT : r.timeout(),
                r.memorySize() == null ? FunctionConfiguration.DEFAULT_MEMORY : r.memorySize(), now(), CodeArchive.sha256(zip),
                FunctionConfiguration.LATEST, r.environment(),
                r.tracingConfig() == null ? new FunctionConfiguration.TracingConfig("PassThrough") : r.tracingConfig(),
                revision(), "Active", null, null, "Successful", "Zip", architectures, new FunctionConfiguration.EphemeralStorage(512),
                new FunctionConfiguration.LoggingConfig("Text", "/aws/lambda/" + name), deadLetter(r.deadLetterConfig()));
        FunctionConfiguration published = Boolean.TRUE.equals(r.publish()) ? version(latest, 1, null) : null;
        store.create(latest, published, zip, clock.millis());
        runtime.prepare(lambdaRuntime);
        return published != null ? published : latest;
    }

    FunctionConfiguration updateCode(String name, UpdateFunctionCodeRequest r) {
        StoredFunction function = require(name);
        checkRevision(function.latest(), r.revisionId());
        byte[] zip = FunctionValidation.zip(r.zipFile(), r.s3Bucket(), r.imageUri(), "UpdateFunctionCode");
        FunctionConfiguration old = function.latest();
        FunctionConfiguration latest = new FunctionConfiguration(name, old.functionArn(), old.runtime(), old.role(), old.handler(),
                (long) zip.length, old.description(), old.timeout(), old.memorySize(), now(), CodeArchive.sha256(zip), old.version(),
                old.environment(), old.tracingConfig(), revision(), old.state(), null, null, "Successful", old.packageType(),
                old.architectures(), old.ephemeralStorage(), old.loggingConfig(), old.deadLetterConfig());
        FunctionConfiguration published = Boolean.TRUE.equals(r.publish()) ? version(latest, function.nextVersion(), null) : null;
        store.putCode(latest, published, zip);
        runtime.retire(name);
        return published != null ? published : latest;
    }

    FunctionConfiguration updateConfiguration(String name, UpdateFunctionConfigurationRequest r) {
        StoredFunction function = require(name);
        FunctionConfiguration old = function.latest();
        checkRevision(old, r.revisionId());
        LambdaRuntime lambdaRuntime = FunctionValidation.runtime(r.runtime() != null ? r.runtime() : old.runtime());
        String handler = r.handler() != null ? r.handler() : old.handler();
        FunctionValidation.handler(handler, lambdaRuntime);
        FunctionValidation.timeout(r.timeout());
        FunctionValidation.memory(r.memorySize());
        FunctionValidation.environment(r.environment() == null ? null : r.environment().variables());
        if (r.role() != null) {
            FunctionValidation.role(r.role(), roles);
        }
        runtime.missing(lambdaRuntime).ifPresent(why -> {
            throw LambdaErrors.invalidParameter(why);
        });
        FunctionConfiguration latest = new FunctionConfiguration(name, old.functionArn(), lambdaRuntime.id(),
                r.role() != null ? r.role() : old.role(), handler, old.codeSize(),
                r.description() != null ? r.description() : old.description(), r.timeout() != null ? r.timeout() : old.timeout(),
                r.memorySize() != null ? r.memorySize() : old.memorySize(), now(), old.codeSha256(), old.version(),
                r.environment() != null ? r.environment() : old.environment(),
                r.tracingConfig() != null ? r.tracingConfig() : old.tracingConfig(), revision(), old.state(), null, null,
                "Successful", old.packageType(), old.architectures(), old.ephemeralStorage(), old.loggingConfig(),
                r.deadLetterConfig() != null ? deadLetter(r.deadLetterConfig()) : old.deadLetterConfig());
        store.putVersion(latest);
        runtime.prepare(lambdaRuntime);
        return latest;
    }

    void delete(String name, String qualifier) {
        require(name);
        if (qualifier != null && !qualifier.isEmpty()) {
            throw LambdaErrors.invalidParameter("Deleting one version (Qualifier " + qualifier + ") is not supported by the local"
                    + " Lambda; delete the function without --qualifier");
        }
        store.delete(name);
        urls.deleteAll(name);
        eventInvokeConfigs.deleteAll(name);
        runtime.retire(name);
    }

    FunctionConfiguration publish(String name, LambdaShapes.PublishVersionRequest r) {
        StoredFunction function = require(name);
        FunctionConfiguration latest = function.latest();
        checkRevision(latest, r.revisionId());
        if (r.codeSha256() != null && !r.codeSha256().equals(latest.codeSha256())) {
            throw LambdaErrors.invalidParameter("CodeSha256 (" + r.codeSha256() + ") is different from current CodeSha256 in $LATEST ("
                    + latest.codeSha256() + "). Please try again with the CodeSha256 in $LATEST.");
        }
        // Lambda publishes nothing new when $LATEST equals the newest version: it answers that version
        for (FunctionConfiguration v : function.versionList()) {
            if (!v.version().equals(FunctionConfiguration.LATEST) && v.version().equals(String.valueOf(function.nextVersion() - 1))
                    && sameContent(v, latest)) {
                return v;
            }
        }
        FunctionConfiguration published = version(latest, function.nextVersion(), r.description());
        store.putVersion(published);
        return published;
    }

    private static boolean sameContent(FunctionConfiguration a, FunctionConfiguration b) {
        return Objects.equals(a.codeSha256(), b.codeSha256()) && Objects.equals(a.handler(), b.handler())
                && Objects.equals(a.runtime(), b.runtime()) && Objects.equals(a.environment(), b.environment())
                && Objects.equals(a.timeout(), b.timeout()) && Objects.equals(a.memorySize(), b.memorySize())
                && Objects.equals(a.role(), b.role()) && Objects.equals(a.deadLetterConfig(), b.deadLetterConfig());
    }

    private FunctionConfiguration version(FunctionConfiguration latest, int number, String description) {
        FunctionConfiguration v = latest.asVersion(String.valueOf(number), latest.functionArn() + ":" + number, revision());
        return description == null ? v : new FunctionConfiguration(v.functionName(), v.functionArn(), v.runtime(), v.role(),
                v.handler(), v.codeSize(), description, v.timeout(), v.memorySize(), v.lastModified(), v.codeSha256(), v.version(),
                v.environment(), v.tracingConfig(), v.revisionId(), v.state(), v.stateReason(), v.stateReasonCode(),
                v.lastUpdateStatus(), v.packageType(), v.architectures(), v.ephemeralStorage(), v.loggingConfig(), v.deadLetterConfig());
    }

    AliasConfiguration putAlias(String function, String alias, String version, String description, boolean create,
                                String revisionId) {
        StoredFunction f = require(function);
        if (alias == null || !alias.matches("(?!^[0-9]+$)([a-zA-Z0-9-_]+)") || alias.length() > 128) {
            throw LambdaErrors.validation(alias, "name", "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        AliasConfiguration existing = f.aliases().get(alias);
        if (create && existing != null) {
            throw LambdaErrors.conflict("Alias already exists: " + arns.lambdaFunction(function) + ":" + alias);
        }
        if (!create && existing == null) {
            throw LambdaErrors.notFound("Alias not found: " + arns.lambdaFunction(function) + ":" + alias);
        }
        if (existing != null && revisionId != null && !revisionId.equals(existing.revisionId())) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetAlias"
                    + " API to retrieve the latest Revision Id");
        }
        String target = version != null ? version : existing == null ? null : existing.functionVersion();
        if (target == null || !f.versions().containsKey(target)) {
            throw LambdaErrors.notFound("Function not found: " + arns.lambdaFunction(function) + ":" + target);
        }
        AliasConfiguration configuration = new AliasConfiguration(arns.lambdaFunction(function) + ":" + alias, alias, target,
                description != null ? description : existing == null ? "" : existing.description(), revision());
        store.putAlias(function, configuration);
        return configuration;
    }

    AliasConfiguration alias(String function, String alias) {
        AliasConfiguration a = require(function).aliases().get(alias);
        if (a == null) {
            throw LambdaErrors.notFound("Alias not found: " + arns.lambdaFunction(function) + ":" + alias);
        }
        return a;
    }

    void deleteAlias(String function, String alias) {
        store.deleteAlias(function, alias(function, alias));
    }

    Integer putConcurrency(String function, Integer reserved, int accountLimit) {
        require(function);
        if (reserved == null || reserved < 0 || reserved > accountLimit) {
            throw LambdaErrors.invalidParameter("ReservedConcurrentExecutions is " + reserved + "; expected 0 to " + accountLimit
                    + " (the local account's concurrency limit, --function-concurrency)");
        }
        store.putConcurrency(function, reserved);
        return reserved;
    }

    void deleteConcurrency(String function) {
        require(function);
        store.putConcurrency(function, null);
    }

    FunctionStore store() {
        return store;
    }

    /** The function URLs of user and built-in functions. */
    public FunctionUrls urls() {
        return urls;
    }

    /** The functions' asynchronous-invocation configurations (put-function-event-invoke-config). */
    EventInvokeConfigStore eventInvokeConfigs() {
        return eventInvokeConfigs;
    }

    Clock clock() {
        return clock;
    }

    private static void checkRevision(FunctionConfiguration current, String revisionId) {
        if (revisionId != null && !revisionId.equals(current.revisionId())) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetFunction"
                    + "/GetAlias API to retrieve the latest Revision Id");
        }
    }

    /** A DeadLetterConfig as Lambda keeps it: an SQS queue ARN, or none (an empty TargetArn removes it). */
    private static FunctionConfiguration.DeadLetterConfig deadLetter(FunctionConfiguration.DeadLetterConfig config) {
        if (config == null || config.targetArn() == null || config.targetArn().isEmpty()) {
            return null;
        }
        if (!config.targetArn().matches("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[\\w.-]+")) {
            throw LambdaErrors.invalidParameter("The DeadLetterConfig TargetArn " + config.targetArn() + " is not an SQS queue ARN"
                    + " (arn:aws:sqs:REGION:ACCOUNT:NAME); mini-ats delivers dead letters to SQS queues");
        }
        return config;
    }

    private String now() {
        return LAST_MODIFIED.format(clock.instant());
    }

    private static String revision() {
        return UUID.randomUUID().toString();
    }
}
