package dev.miniats.local.cloudformation;

import org.junit.jupiter.api.extension.RegisterExtension;
import dev.miniats.local.iam.CliRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What CDK's templates use beyond plain resources, through {@code aws cloudformation deploy}:
 * AWS::SSM::Parameter, SSM parameter types, {@code {{resolve:ssm:...}}}, Rules with Assertions
 * (the CheckBootstrapVersion rule word for word), AWS::ECR::Repository and AWS::S3::BucketPolicy.
 */
class CdkTemplateFeaturesTest {
    /** The rule and parameter every stack synthesized with CDK's default synthesizer carries. */
    private static final String CDK_RULE = """
            Parameters:
              BootstrapVersion:
                Type: AWS::SSM::Parameter::Value<String>
                Default: /cdk-bootstrap/hnb659fds/version
            Rules:
              CheckBootstrapVersion:
                Assertions:
                  - Assert:
                      Fn::Not:
                        - Fn::Contains:
                            - ["1", "2", "3", "4", "5"]
                            - Ref: BootstrapVersion
                    AssertDescription: CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.
            """;

    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();

    private static String deploy(String stack, String template, String... extra) throws IOException {
        Path file = Files.writeString(ats.dataDir().resolve(stack + ".yaml"), template);
        String[] base = {"cloudformation", "deploy", "--stack-name", stack, "--template-file", file.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        AwsCli.Result r = ats.aws().run(args);
        return r.exit() == 0 ? "OK " + r.stdout() : "FAILED " + r.stderr();
    }

    private static String ssm(String name) {
        return ats.aws().ok("ssm", "get-parameter", "--name", name).get("Parameter").get("Value").asText();
    }

    @Test
    void an_ssm_parameter_resource_is_made_updated_in_place_and_deleted_with_its_stack() throws IOException {
        String template = """
                Resources:
                  Version:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: /demo/version
                      Type: String
                      Value: '%s'
                Outputs:
                  Value:
                    Value: !GetAtt Version.Value
                """;
        assertThat(deploy("ssm-resource", template.formatted("33"))).startsWith("OK");
        assertThat(ssm("/demo/version")).isEqualTo("33");

        assertThat(deploy("ssm-resource", template.formatted("34"))).startsWith("OK");
        JsonNode p = ats.aws().ok("ssm", "get-parameter", "--name", "/demo/version").get("Parameter");
        assertThat(p.get("Value").asText()).isEqualTo("34");
        assertThat(p.get("Version").asInt()).isEqualTo(2);

        ats.aws().ok("cloudformation", "delete-stack", "--stack-name", "ssm-resource");
        ats.aws().ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "ssm-resource");
        assertThat(ats.aws().fails("ssm", "get-parameter", "--name", "/demo/version")).contains("ParameterNotFound");
    }

    @Test
    void the_cdk_bootstrap_version_rule_passes_on_a_bootstrapped_account_and_the_parameter_reads_from_ssm() throws IOException {
        ats.aws().ok("ssm", "put-parameter", "--name", "/cdk-bootstrap/hnb659fds/version", "--type", "String", "--value", "33", "--overwrite");
        String template = CDK_RULE + """
                Resources:
                  Copy:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: /demo/copied
                      Type: String
                      Value: !Sub '${BootstrapVersion} and {{resolve:ssm:/cdk-bootstrap/hnb659fds/version}}'
                """;
        assertThat(deploy("cdk-rule-ok", template)).startsWith("OK");

        assertThat(ssm("/demo/copied")).isEqualTo("33 and 33");
        JsonNode parameter = ats.aws().ok("cloudformation", "describe-stacks", "--stack-name", "cdk-rule-ok").get("Stacks").get(0)
                .get("Parameters").get(0);
        assertThat(parameter.get("ParameterValue").asText()).isEqualTo("/cdk-bootstrap/hnb659fds/version");
    }

    @Test
    void an_old_bootstrap_version_fails_the_rule_with_its_description_and_creates_nothing() throws IOException {
        ats.aws().ok("ssm", "put-parameter", "--name", "/cdk-bootstrap/old/version", "--type", "String", "--value", "5");
        String template = CDK_RULE.replace("hnb659fds", "old") + """
                Resources:
                  Never:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: /demo/never
                      Type: String
                      Value: x
                """;
        assertThat(deploy("cdk-rule-old", template)).startsWith("FAILED").contains("ValidationError")
                .contains("CDK bootstrap stack version 6 required");
        assertThat(ats.aws().fails("ssm", "get-parameter", "--name", "/demo/never")).contains("ParameterNotFound");
        assertThat(ats.aws().fails("cloudformation", "describe-stacks", "--stack-name", "cdk-rule-old")).contains("does not exist");
    }

    @Test
    void a_missing_ssm_parameter_or_dynamic_reference_is_a_validation_error_naming_it() throws IOException {
        String typed = CDK_RULE.replace("hnb659fds", "never-bootstrapped") + """
                Resources:
                  Never:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Type: String
                      Value: x
                """;
        assertThat(deploy("ssm-missing", typed)).startsWith("FAILED")
                .contains("Unable to fetch parameters [/cdk-bootstrap/never-bootstrapped/version] from parameter store for this account.");

        String dynamic = """
                Resources:
                  Ref:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Type: String
                      Value: '{{resolve:ssm:/not/there}}'
                """;
        assertThat(deploy("dynamic-missing", dynamic)).startsWith("FAILED");
        String reason = ats.aws().ok("cloudformation", "describe-stack-events", "--stack-name", "dynamic-missing").get("StackEvents")
                .findValuesAsText("ResourceStatusReason").toString();
        assertThat(reason).contains("Unable to fetch parameters [/not/there] from parameter store for this account.");
    }

    @Test
    void an_ecr_repository_and_a_bucket_policy_are_made_in_their_services() throws IOException {
        ats.aws().ok("s3api", "create-bucket", "--bucket", "policy-target");
        String template = """
                Resources:
                  Repo:
                    Type: AWS::ECR::Repository
                    Properties:
                      RepositoryName: demo/assets
                      ImageTagMutability: IMMUTABLE
                      LifecyclePolicy:
                        LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":365},"action":{"type":"expire"}}]}'
                      RepositoryPolicyText:
                        Version: '2012-10-17'
                        Statement:
                          - Effect: Allow
                            Principal: {Service: lambda.amazonaws.com}
                            Action: ['ecr:BatchGetImage']
                  Policy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: policy-target
                      PolicyDocument:
                        Version: '2012-10-17'
                        Statement:
                          - Effect: Deny
                            Principal: '*'
                            Action: 's3:*'
                            Resource: 'arn:aws:s3:::policy-target/*'
                            Condition: {Bool: {'aws:SecureTransport': 'false'}}
                Outputs:
                  Uri:
                    Value: !GetAtt Repo.RepositoryUri
                """;
        assertThat(deploy("ecr-and-policy", template)).startsWith("OK");
        assertThat(ats.aws().ok("ecr", "get-repository-policy", "--repository-name", "demo/assets").get("policyText").asText())
                .contains("lambda.amazonaws.com");
        assertThat(ats.aws().ok("cloudformation", "describe-stacks", "--stack-name", "ecr-and-policy").get("Stacks").get(0).get("Outputs")
                .get(0).get("OutputValue").asText()).isEqualTo("000000000000.dkr.ecr.us-east-1.amazonaws.com/demo/assets");

        String noBucket = template.replace("Bucket: policy-target", "Bucket: no-such-bucket").replace("demo/assets", "demo/other");
        assertThat(deploy("policy-no-bucket", noBucket)).startsWith("FAILED");
        assertThat(ats.aws().ok("cloudformation", "describe-stack-events", "--stack-name", "policy-no-bucket").get("StackEvents")
                .findValuesAsText("ResourceStatusReason").toString()).contains("no-such-bucket");
        assertThat(ats.aws().fails("ecr", "describe-repositories", "--repository-names", "demo/other")).contains("RepositoryNotFoundException");

        ats.aws().ok("cloudformation", "delete-stack", "--stack-name", "ecr-and-policy");
        ats.aws().ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "ecr-and-policy");
        assertThat(ats.aws().fails("ecr", "describe-repositories", "--repository-names", "demo/assets")).contains("RepositoryNotFoundException");
    }
}
