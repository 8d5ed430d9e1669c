package dev.miniats.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws sts} against the runtime: who the caller is with local and with assumed-role
 * credentials, AssumeRole's errors, and roles, policies and sessions surviving a restart.
 */
@Tag("e2e")
class StsAwsCliTest {
    static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TempDir
    Path dataDir;

    @Test
    void assumed_role_credentials_identify_the_role_session_and_outlive_a_restart() {
        JsonNode session;
        String roleId;
        try (LocalRuntime runtime = start()) {
            AwsCli aws = AwsCli.local(runtime.endpoint(), dataDir);
            JsonNode root = aws.ok("sts", "get-caller-identity");
            assertThat(root.get("Account").asText()).isEqualTo("000000000000");
            assertThat(root.get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:root");

            roleId = aws.ok("iam", "create-role", "--role-name", "kept", "--assume-role-policy-document", TRUST_ACCOUNT,
                    "--max-session-duration", "7200").at("/Role/RoleId").asText();
            aws.ok("iam", "attach-role-policy", "--role-name", "kept", "--policy-arn", "arn:aws:iam::aws:policy/AmazonSESFullAccess");
            aws.ok("iam", "put-role-policy", "--role-name", "kept", "--policy-name", "logs", "--policy-document", IamAwsCliTest.LOGS);
            session = aws.ok("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/kept", "--role-session-name", "cli",
                    "--duration-seconds", "7200");
            assertThat(session.at("/Credentials/AccessKeyId").asText()).matches("ASIA[A-Z2-7]{16}");
            assertThat(session.at("/AssumedRoleUser/Arn").asText()).isEqualTo("arn:aws:sts::000000000000:assumed-role/kept/cli");
            assertThat(session.at("/AssumedRoleUser/AssumedRoleId").asText()).isEqualTo(roleId + ":cli");
        }
        try (LocalRuntime restarted = start()) {
            AwsCli aws = AwsCli.local(restarted.endpoint(), dataDir);
            assertThat(aws.ok("iam", "get-role", "--role-name", "kept").at("/Role/RoleId").asText()).isEqualTo(roleId);
            assertThat(aws.ok("iam", "list-attached-role-policies", "--role-name", "kept").at("/AttachedPolicies/0/PolicyName").asText())
                    .isEqualTo("AmazonSESFullAccess");
            assertThat(aws.ok("iam", "get-role-policy", "--role-name", "kept", "--policy-name", "logs").get("PolicyDocument"))
                    .isEqualTo(AwsCliJson.parse(IamAwsCliTest.LOGS));
            JsonNode caller = aws.as(session).ok("sts", "get-caller-identity");
            assertThat(caller.get("Arn").asText()).isEqualTo("arn:aws:sts::000000000000:assumed-role/kept/cli");
            assertThat(caller.get("UserId").asText()).isEqualTo(roleId + ":cli");
        }
    }

    @Test
    void assume_role_refuses_a_missing_role_a_bad_session_name_and_a_too_long_session() {
        try (LocalRuntime runtime = start()) {
            AwsCli aws = AwsCli.local(runtime.endpoint(), dataDir);
            assertThat(aws.fails("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/ghost", "--role-session-name", "s"
                    + "1")).contains("(AccessDenied)").contains("User: arn:aws:iam::000000000000:root is not authorized to perform:"
                    + " sts:AssumeRole on resource: arn:aws:iam::000000000000:role/ghost");
            aws.ok("iam", "create-role", "--role-name", "short", "--assume-role-policy-document", TRUST_ACCOUNT);
            assertThat(aws.fails("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/short", "--role-session-name",
                    "has space")).contains("(ValidationError)").contains("'has space' at 'roleSessionName'");
            assertThat(aws.fails("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/short", "--role-session-name",
                    "long", "--duration-seconds", "7200")).contains("(ValidationError)")
                    .contains("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
    }

    private LocalRuntime start() {
        return LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
    }
}
