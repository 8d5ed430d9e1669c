package dev.miniats.local.lambda;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The port through which Lambda learns about execution roles: whether a role exists (Lambda
 * refuses a function whose role it cannot assume) and the temporary credentials a function's
 * environment gets for it (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html).
 * The runtime wires IAM in here; {@link #anyWellFormed()} stands in while IAM is absent.
 * Implementations are thread-safe.
 */
public interface ExecutionRoles {
    /** What a role ARN must look like ({@code arn:aws:iam::<12 digits>:role/<path/>name}). */
    Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    boolean exists(String roleArn);

    /** Credentials of {@code roleArn} assumed for {@code functionName} (the session name Lambda uses). */
    Credentials credentialsFor(String roleArn, String functionName);

    /**
     * Whether permissions are enforced ({@code --iam enforce}: refused as AWS refuses them) rather than
     * recorded; resource-based policy checks of this package (function URLs) follow it.
     */
    default boolean enforced() {
        return false;
    }

    /** Temporary credentials, as STS AssumeRole answers them. */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        public Credentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }
    }

    /** Every well-formed role ARN exists, and all get the same static local credentials. */
    static ExecutionRoles anyWellFormed() {
        Credentials local = new Credentials("local", "local", null);
        return new ExecutionRoles() {
            @Override
            public boolean exists(String roleArn) {
                return roleArn != null && ROLE_ARN.matcher(roleArn).matches();
            }

            @Override
            public Credentials credentialsFor(String roleArn, String functionName) {
                return local;
            }
        };
    }
}
