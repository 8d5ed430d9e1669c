package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.iam.CliRuntime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS::SES::ReceiptRuleSet and AWS::SES::ReceiptRule through {@code aws cloudformation deploy}, seen with {@code aws ses}. */
@Tag("e2e")
class SesReceiptProvidersTest {
    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();

    private static final String TEMPLATE = """
            Parameters:
              SetName:
                Type: String
              Recipient:
                Type: String
            Resources:
              Mail:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: receiving-test-mail
              Rules:
                Type: AWS::SES::ReceiptRuleSet
                Properties:
                  RuleSetName: !Ref SetName
              Store:
                Type: AWS::SES::ReceiptRule
                Properties:
                  RuleSetName: !Ref Rules
                  Rule:
                    Name: store-replies
                    Enabled: true
                    ScanEnabled: false
                    TlsPolicy: Optional
                    Recipients: [!Ref Recipient]
                    Actions:
                      - AddHeaderAction: {HeaderName: X-Stored-By, HeaderValue: ses}
                      - S3Action: {BucketName: !Ref Mail, ObjectKeyPrefix: replies/}
              Stop:
                Type: AWS::SES::ReceiptRule
                Properties:
                  RuleSetName: !Ref Rules
                  After: !Ref Store
                  Rule:
                    Enabled: true
                    Actions:
                      - StopAction: {Scope: RuleSet}
            Outputs:
              SetRef:
                Value: !Ref Rules
              StoreRef:
                Value: !Ref Store
            """;

    @Test
    void a_stacks_receipt_rule_set_and_rules_are_made_in_ses_updated_in_place_replaced_on_rename_and_deleted_with_it() throws Exception {
        Path template = Files.writeString(ats.dataDir().resolve("receiving.yaml"), TEMPLATE);

        deploy(template, "stack-replies", "replies@hr.example");

        JsonNode set = ats.aws().ok("ses", "describe-receipt-rule-set", "--rule-set-name", "stack-replies");
        assertThat(set.get("Metadata").get("Name").asText()).isEqualTo("stack-replies");
        JsonNode rules = set.get("Rules");
        assertThat(rules).hasSize(2);
        JsonNode store = rules.get(0);
        assertThat(store.get("Name").asText()).isEqualTo("store-replies");
        assertThat(store.get("Enabled").asBoolean()).isTrue();
        assertThat(store.get("Recipients").get(0).asText()).isEqualTo("replies@hr.example");
        assertThat(store.get("Actions").get(0).get("AddHeaderAction").get("HeaderName").asText()).isEqualTo("X-Stored-By");
        assertThat(store.get("Actions").get(1).get("S3Action").get("BucketName").asText()).isEqualTo("receiving-test-mail");
        assertThat(store.get("Actions").get(1).get("S3Action").get("ObjectKeyPrefix").asText()).isEqualTo("replies/");
        assertThat(rules.get(1).get("Name").asText()).startsWith("receiving-Stop-"); // named by CloudFormation
        assertThat(rules.get(1).get("Actions").get(0).get("StopAction").get("Scope").asText()).isEqualTo("RuleSet");
        String outputs = ats.aws().ok("cloudformation", "describe-stacks", "--stack-name", "receiving")
                .get("Stacks").get(0).get("Outputs").toString();
        assertThat(outputs).contains("stack-replies").contains("store-replies");

        deploy(template, "stack-replies", "answers@hr.example");
        assertThat(ats.aws().ok("ses", "describe-receipt-rule", "--rule-set-name", "stack-replies", "--rule-name", "store-replies")
                .get("Rule").get("Recipients").get(0).asText()).isEqualTo("answers@hr.example");

        deploy(template, "stack-replies-2", "answers@hr.example");
        assertThat(ats.aws().fails("ses", "describe-receipt-rule-set", "--rule-set-name", "stack-replies")).contains("RuleSetDoesNotExist");
        assertThat(ats.aws().ok("ses", "describe-receipt-rule-set", "--rule-set-name", "stack-replies-2").get("Rules")).hasSize(2);

        ats.aws().ok("cloudformation", "delete-stack", "--stack-name", "receiving");
        ats.aws().okText("cloudformation", "wait", "stack-delete-complete", "--stack-name", "receiving");
        assertThat(ats.aws().ok("ses", "list-receipt-rule-sets").toString()).doesNotContain("stack-replies");
    }

    @Test
    void a_rule_with_an_action_the_runtime_cannot_run_fails_the_stack_naming_the_action() throws Exception {
        Path template = Files.writeString(ats.dataDir().resolve("bad-receiving.yaml"), """
                Resources:
                  Rules:
                    Type: AWS::SES::ReceiptRuleSet
                  Notify:
                    Type: AWS::SES::ReceiptRule
                    Properties:
                      RuleSetName: !Ref Rules
                      Rule:
                        Name: notify
                        Actions:
                          - SNSAction: {TopicArn: "arn:aws:sns:us-east-1:000000000000:mail"}
                """);

        ats.aws().fails("cloudformation", "deploy", "--stack-name", "bad-receiving", "--template-file", template.toString());

        String events = ats.aws().ok("cloudformation", "describe-stack-events", "--stack-name", "bad-receiving").toString();
        assertThat(events).contains("Action type SNSAction is not supported by the local runtime");
    }

    private static void deploy(Path template, String setName, String recipient) {
        ats.aws().okText("cloudformation", "deploy", "--stack-name", "receiving", "--template-file", template.toString(),
                "--parameter-overrides", "SetName=" + setName, "Recipient=" + recipient);
    }
}
