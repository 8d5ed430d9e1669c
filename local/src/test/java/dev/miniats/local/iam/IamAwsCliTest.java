package dev.miniats.local.iam;

import org.junit.jupiter.api.extension.RegisterExtension;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws iam} against the runtime: roles, inline and managed policies, and IAM's errors, as the CLI shows them. */
@Tag("e2e")
class IamAwsCliTest {
    static final String TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}";
    static final String LOGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}";
    private static final String SES_FULL = "arn:aws:iam::aws:policy/AmazonSESFullAccess";

    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();

    @Test
    void a_created_role_is_read_back_with_its_trust_policy_listed_and_deleted() {
        JsonNode created = ats.aws().ok("iam", "create-role", "--role-name", "send-assessment-role", "--path", "/workshop/",
                "--assume-role-policy-document", TRUST, "--description", "the brief's step 0").get("Role");
        assertThat(created.get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:role/workshop/send-assessment-role");
        assertThat(created.get("RoleId").asText()).matches("AROA[A-Z2-7]{17}");

        JsonNode role = ats.aws().ok("iam", "get-role", "--role-name", "send-assessment-role").get("Role");
        assertThat(role.get("RoleId").asText()).isEqualTo(created.get("RoleId").asText());
        // IAM sends the document URL-encoded; the CLI decodes it back into the JSON that was sent
        assertThat(role.get("AssumeRolePolicyDocument")).isEqualTo(AwsCliJson.parse(TRUST));
        assertThat(role.get("Description").asText()).isEqualTo("the brief's step 0");
        assertThat(role.get("MaxSessionDuration").asInt()).isEqualTo(3600);
        assertThat(ats.aws().ok("iam", "list-roles", "--path-prefix", "/workshop/").get("Roles"))
                .extracting(r -> r.get("RoleName").asText()).containsExactly("send-assessment-role");

        ats.aws().ok("iam", "update-assume-role-policy", "--role-name", "send-assessment-role", "--policy-document", StsAwsCliTest.TRUST_ACCOUNT);
        ats.aws().ok("iam", "update-role", "--role-name", "send-assessment-role", "--description", "changed", "--max-session-duration", "7200");
        JsonNode updated = ats.aws().ok("iam", "get-role", "--role-name", "send-assessment-role").get("Role");
        assertThat(updated.get("AssumeRolePolicyDocument")).isEqualTo(AwsCliJson.parse(StsAwsCliTest.TRUST_ACCOUNT));
        assertThat(updated.get("Description").asText()).isEqualTo("changed");
        assertThat(updated.get("MaxSessionDuration").asInt()).isEqualTo(7200);

        ats.aws().ok("iam", "delete-role", "--role-name", "send-assessment-role");
        assertThat(ats.aws().fails("iam", "get-role", "--role-name", "send-assessment-role"))
                .contains("(NoSuchEntity)").contains("The role with name send-assessment-role cannot be found.");
    }

    @Test
    void a_role_with_policies_cannot_be_deleted_until_they_are_detached_and_deleted() {
        ats.aws().ok("iam", "create-role", "--role-name", "busy-role", "--assume-role-policy-document", TRUST);
        for (String name : AwsManagedPolicies.NAMES) {
            String path = name.startsWith("AWSLambda") ? "service-role/" : "";
            ats.aws().ok("iam", "attach-role-policy", "--role-name", "busy-role", "--policy-arn", "arn:aws:iam::aws:policy/" + path + name);
        }
        assertThat(ats.aws().ok("iam", "list-attached-role-policies", "--role-name", "busy-role").get("AttachedPolicies"))
                .extracting(p -> p.get("PolicyName").asText()).containsExactlyInAnyOrderElementsOf(AwsManagedPolicies.NAMES);
        ats.aws().ok("iam", "put-role-policy", "--role-name", "busy-role", "--policy-name", "write-logs", "--policy-document", LOGS);

        assertThat(ats.aws().fails("iam", "delete-role", "--role-name", "busy-role"))
                .contains("(DeleteConflict)").contains("Cannot delete entity, must detach all policies first.");
        for (String name : AwsManagedPolicies.NAMES) {
            String path = name.startsWith("AWSLambda") ? "service-role/" : "";
            ats.aws().ok("iam", "detach-role-policy", "--role-name", "busy-role", "--policy-arn", "arn:aws:iam::aws:policy/" + path + name);
        }
        assertThat(ats.aws().fails("iam", "delete-role", "--role-name", "busy-role"))
                .contains("(DeleteConflict)").contains("Cannot delete entity, must delete policies first.");

        assertThat(ats.aws().ok("iam", "list-role-policies", "--role-name", "busy-role").get("PolicyNames"))
                .extracting(JsonNode::asText).containsExactly("write-logs");
        JsonNode inline = ats.aws().ok("iam", "get-role-policy", "--role-name", "busy-role", "--policy-name", "write-logs");
        assertThat(inline.get("PolicyDocument")).isEqualTo(AwsCliJson.parse(LOGS));
        ats.aws().ok("iam", "delete-role-policy", "--role-name", "busy-role", "--policy-name", "write-logs");
        assertThat(ats.aws().fails("iam", "get-role-policy", "--role-name", "busy-role", "--policy-name", "write-logs"))
                .contains("(NoSuchEntity)").contains("The role policy with name write-logs cannot be found.");
        ats.aws().ok("iam", "delete-role", "--role-name", "busy-role");
    }

    @Test
    void aws_managed_policies_carry_their_real_documents() {
        JsonNode policy = ats.aws().ok("iam", "get-policy", "--policy-arn", SES_FULL).get("Policy");
        assertThat(policy.get("PolicyName").asText()).isEqualTo("AmazonSESFullAccess");
        assertThat(policy.get("DefaultVersionId").asText()).isEqualTo("v1");
        JsonNode version = ats.aws().ok("iam", "get-policy-version", "--policy-arn", SES_FULL, "--version-id", "v1").get("PolicyVersion");
        assertThat(version.at("/Document/Statement/0/Action/0").asText()).isEqualTo("ses:*");

        JsonNode basic = ats.aws().ok("iam", "get-policy-version", "--policy-arn",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "--version-id", "v1").get("PolicyVersion");
        assertThat(basic.at("/Document/Statement/0/Action")).extracting(JsonNode::asText)
                .containsExactly("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(ats.aws().ok("iam", "list-policies", "--scope", "AWS").get("Policies"))
                .extracting(p -> p.get("PolicyName").asText()).containsAll(AwsManagedPolicies.NAMES);
        assertThat(ats.aws().fails("iam", "get-policy-version", "--policy-arn", SES_FULL, "--version-id", "v9")).contains("(NoSuchEntity)");
    }

    @Test
    void a_customer_managed_policy_cannot_be_deleted_while_attached_nor_created_twice() {
        JsonNode created = ats.aws().ok("iam", "create-policy", "--policy-name", "WriteLogs", "--policy-document", LOGS,
                "--description", "logs only").get("Policy");
        String arn = created.get("Arn").asText();
        assertThat(arn).isEqualTo("arn:aws:iam::000000000000:policy/WriteLogs");
        assertThat(created.get("PolicyId").asText()).matches("ANPA[A-Z2-7]{17}");
        assertThat(ats.aws().fails("iam", "create-policy", "--policy-name", "writelogs", "--policy-document", LOGS))
                .contains("(EntityAlreadyExists)").contains("A policy called writelogs already exists.");

        ats.aws().ok("iam", "create-role", "--role-name", "uses-write-logs", "--assume-role-policy-document", TRUST);
        ats.aws().ok("iam", "attach-role-policy", "--role-name", "uses-write-logs", "--policy-arn", arn);
        assertThat(ats.aws().ok("iam", "get-policy", "--policy-arn", arn).at("/Policy/AttachmentCount").asInt()).isEqualTo(1);
        assertThat(ats.aws().fails("iam", "delete-policy", "--policy-arn", arn))
                .contains("(DeleteConflict)").contains("Cannot delete a policy attached to entities.");
        assertThat(ats.aws().ok("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1").at("/PolicyVersion/Document"))
                .isEqualTo(AwsCliJson.parse(LOGS));

        ats.aws().ok("iam", "detach-role-policy", "--role-name", "uses-write-logs", "--policy-arn", arn);
        assertThat(ats.aws().fails("iam", "detach-role-policy", "--role-name", "uses-write-logs", "--policy-arn", arn))
                .contains("(NoSuchEntity)");
        ats.aws().ok("iam", "delete-policy", "--policy-arn", arn);
        assertThat(ats.aws().fails("iam", "get-policy", "--policy-arn", arn)).contains("(NoSuchEntity)");
    }

    @Test
    void iam_error_codes_name_what_was_wrong() {
        ats.aws().ok("iam", "create-role", "--role-name", "Twice", "--assume-role-policy-document", TRUST);
        assertThat(ats.aws().fails("iam", "create-role", "--role-name", "twice", "--assume-role-policy-document", TRUST))
                .contains("(EntityAlreadyExists)").contains("Role with name Twice already exists.");
        assertThat(ats.aws().fails("iam", "create-role", "--role-name", "bad/name", "--assume-role-policy-document", TRUST))
                .contains("(ValidationError)").contains("'bad/name' at 'roleName'");
        assertThat(ats.aws().fails("iam", "attach-role-policy", "--role-name", "Twice", "--policy-arn", "arn:aws:iam::aws:policy/NoSuchPolicy"))
                .contains("(NoSuchEntity)").contains("Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.");
        assertThat(ats.aws().fails("iam", "attach-role-policy", "--role-name", "Twice", "--policy-arn", "arn:aws:s3:::bucket/AmazonSESFullAccess"))
                .contains("(InvalidInput)").contains("ARN arn:aws:s3:::bucket/AmazonSESFullAccess is not valid.");
        assertThat(ats.aws().fails("iam", "attach-role-policy", "--role-name", "Nobody", "--policy-arn", SES_FULL))
                .contains("(NoSuchEntity)").contains("The role with name Nobody cannot be found.");
        assertThat(ats.aws().fails("iam", "delete-policy", "--policy-arn", SES_FULL)).contains("(InvalidInput)");
    }

    @Test
    void malformed_policy_documents_are_refused_with_the_reason() {
        ats.aws().ok("iam", "create-role", "--role-name", "strict", "--assume-role-policy-document", TRUST);
        String[][] cases = {
                {"{\"Version\":\"2012-10-17\",\"Statement\":[", "This policy contains invalid Json"},
                {"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"ses:SendEmail\",\"Resource\":\"*\"}]}", "Missing required field Effect"},
                {"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}", "Policy statement must contain actions."},
                {"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"SendEmail\",\"Resource\":\"*\"}]}",
                        "Actions/Conditions must be prefaced by a vendor"},
                {"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ses:*\",\"Resource\":\"identity\"}]}",
                        "Resource identity must be in ARN format or \"*\"."},
                {"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ses:*\"}]}", "Policy statement must contain resources."},
                {"{\"Version\":\"2021-01-01\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ses:*\",\"Resource\":\"*\"}]}", "Version is '2021-01-01'"},
        };
        for (String[] c : cases) {
            assertThat(ats.aws().fails("iam", "put-role-policy", "--role-name", "strict", "--policy-name", "p", "--policy-document", c[0]))
                    .as(c[0]).contains("(MalformedPolicyDocument)").contains(c[1]);
        }
        assertThat(ats.aws().fails("iam", "create-role", "--role-name", "untrusting", "--assume-role-policy-document", LOGS))
                .contains("(MalformedPolicyDocument)").contains("Has prohibited field Resource");
        assertThat(ats.aws().fails("iam", "create-policy", "--policy-name", "principal", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"))
                .contains("(MalformedPolicyDocument)").contains("Policy document should not specify a principal");
        assertThat(ats.aws().ok("iam", "list-role-policies", "--role-name", "strict").get("PolicyNames")).isEmpty();
    }
}
