package dev.miniats.infra;

import dev.miniats.functions.HiringFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.ses.IEmailIdentity;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One function of the catalog on Lambda: its own role, its own log group, and the {@code live}
 * alias on a published version that EventBridge invokes.
 *
 * <p>SnapStart only applies to published versions
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html), hence the alias: invoking
 * {@code $LATEST} would cold-start the JVM every time.
 */
final class HiringLambda extends Construct {
    static final String ALIAS = "live";
    static final int MEMORY_MB = 1024;
    static final int TIMEOUT_SECONDS = 30;
    /** C1 only: a Lambda invocation is too short-lived for C2 to pay off (AWS's Java tuning advice). */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final Role role;
    private final Function function;
    private final Alias live;

    HiringLambda(Construct scope, String id, HiringFunction catalogEntry, StackSettings settings,
                 Deployment.Inputs inputs, HiringTables tables, List<IEmailIdentity> sendAs, Map<String, String> extraEnvironment) {
        this(scope, id, catalogEntry.functionName(), catalogEntry.description(), catalogEntry.handler(), settings, inputs,
                withPartners(tables.environment(), settings, extraEnvironment));
        // ses:SendEmail and ses:SendRawEmail on these identities' ARNs only (the sender, plus sandbox recipients).
        sendAs.forEach(identity -> identity.grantSendEmail(role));
        tables.grantItemAccess(role);
    }

    /** The functions tell partner events apart with the same list the rules filter on. */
    private static Map<String, String> withPartners(Map<String, String> tables, StackSettings settings, Map<String, String> extra) {
        Map<String, String> environment = new TreeMap<>(tables);
        environment.put(dev.miniats.functions.FunctionEnvironment.PARTNERS, String.join(",", settings.partners()));
        environment.putAll(extra);
        return environment;
    }

    /**
     * A function outside the hiring catalog (the candidate pages, the calendar replies): no mail and
     * no hiring tables; the caller grants what it needs on {@link #role()}.
     */
    HiringLambda(Construct scope, String id, String functionName, String description, String handler, StackSettings settings,
                 Deployment.Inputs inputs, Map<String, String> variables) {
        super(scope, id);
        String name = settings.physicalName(functionName);

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(RetentionDays.TWO_WEEKS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // A role of its own and no managed policy: AWSLambdaBasicExecutionRole would allow writing
        // to every log group in the account; this role may write to its own log group only.
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the " + name + " function")
                .build();
        logs.grantWrite(role);

        Map<String, String> environment = new TreeMap<>(variables);
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);

        function = Function.Builder.create(this, "Function")
                .functionName(name)
                .description(description)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(inputs.code())
                .memorySize(MEMORY_MB)
                .timeout(Duration.seconds(TIMEOUT_SECONDS))
                .environment(environment)
                .role(role)
                .logGroup(logs)
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .currentVersionOptions(VersionOptions.builder().description(inputs.versionDescription()).build())
                .build();
        live = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    /** Lets the function publish answers on {@code bus} through PutEvents, like any producer's events: never a back door. */
    void allowPutEvents(IEventBus bus) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn()))
                .build());
    }

    Role role() {
        return role;
    }

    Function function() {
        return function;
    }

    /** What rules target: the alias, so every invocation runs the SnapStart-restored version. */
    Alias live() {
        return live;
    }
}
