package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.functions.replies.CalendarReplyHandler;
import dev.miniats.functions.replies.ReplyEnvironment;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.miniats.infra.Synthesized.resources;
import static dev.miniats.infra.Synthesized.strings;
import static dev.miniats.infra.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

/** Calendar replies on AWS: the inbound bucket, the SES receipt rule set and rule, the calendar-reply function and its grants. */
class CalendarRepliesTest {

    private static Map.Entry<String, JsonNode> only(String type) {
        Map<String, JsonNode> found = resources(type);
        assertThat(found).as(type).hasSize(1);
        return found.entrySet().iterator().next();
    }

    private static Map.Entry<String, JsonNode> replyFunction() {
        return resources("AWS::Lambda::Function").entrySet().stream()
                .filter(f -> f.getValue().at("/Properties/FunctionName").asText().equals(Synthesized.REPLY_FUNCTION))
                .findFirst().orElseThrow();
    }

    private static String replyAlias() {
        return resources("AWS::Lambda::Alias").entrySet().stream()
                .filter(a -> target(a.getValue().at("/Properties/FunctionName")).equals(replyFunction().getKey()))
                .findFirst().orElseThrow().getKey();
    }

    private static String table(String resource) {
        return resources("AWS::DynamoDB::Table").entrySet().stream()
                .filter(t -> t.getValue().at("/Properties/TableName").asText().equals(Synthesized.SETTINGS.physicalName(resource)))
                .findFirst().orElseThrow().getKey();
    }

    private static String bus() {
        return only("AWS::Events::EventBus").getKey();
    }

    private static List<JsonNode> roleStatements(String role) {
        List<JsonNode> statements = new ArrayList<>();
        resources("AWS::IAM::Policy").values().forEach(policy -> policy.at("/Properties/Roles").forEach(r -> {
            if (target(r).equals(role)) {
                policy.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
            }
        }));
        return statements;
    }

    /** The rule's ARN as the conditions spell it: ...:receipt-rule-set/<set>:receipt-rule/<rule>. */
    private static void assertIsTheRulesArn(JsonNode arn) {
        JsonNode parts = arn.at("/Fn::Join/1");
        assertThat(parts.toString()).contains(":ses:").contains("AWS::Region").contains("AWS::AccountId");
        assertThat(parts.get(parts.size() - 1).asText()).isEqualTo(":receipt-rule-set/" + Synthesized.SETTINGS.physicalName("inbound")
                + ":receipt-rule/" + Synthesized.SETTINGS.physicalName("calendar-replies"));
    }

    @Test
    void the_inbound_bucket_is_private_encrypted_expiring_and_destroyed_with_the_stack() {
        Synthesized.template().hasResource("AWS::S3::Bucket", Map.of(
                "Properties", Map.of(
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                                "ExpirationInDays", CalendarReplyReceiving.EXPIRY_DAYS, "Status", "Enabled"))))),
                "DeletionPolicy", "Delete",
                "UpdateReplacePolicy", "Delete"));
    }

    @Test
    void ses_may_store_mail_under_the_prefix_only_for_this_accounts_rule() {
        JsonNode policy = only("AWS::S3::BucketPolicy").getValue().get("Properties");
        String bucket = only("AWS::S3::Bucket").getKey();
        List<JsonNode> ses = new ArrayList<>();
        policy.at("/PolicyDocument/Statement").forEach(s -> {
            if (s.at("/Principal/Service").asText().equals("ses.amazonaws.com")) {
                ses.add(s);
            }
        });

        assertThat(target(policy.get("Bucket"))).isEqualTo(bucket);
        assertThat(ses).hasSize(1);
        JsonNode statement = ses.get(0);
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(strings(statement.get("Action"))).containsExactly("s3:PutObject");
        JsonNode resource = statement.at("/Resource/Fn::Join/1");
        assertThat(target(resource.get(0))).isEqualTo(bucket);
        assertThat(resource.get(1).asText()).isEqualTo("/" + CalendarReplyReceiving.PREFIX + "*");
        assertThat(statement.at("/Condition/StringEquals/aws:SourceAccount/Ref").asText()).isEqualTo("AWS::AccountId");
        assertIsTheRulesArn(statement.at("/Condition/StringEquals/aws:SourceArn"));
        // and plain HTTP is refused for everyone
        assertThat(policy.at("/PolicyDocument/Statement").toString()).contains("aws:SecureTransport");
    }

    @Test
    void the_rule_takes_the_organizers_mail_stores_it_then_invokes_the_function_asynchronously() {
        Map.Entry<String, JsonNode> rule = only("AWS::SES::ReceiptRule");
        JsonNode properties = rule.getValue().get("Properties");
        JsonNode actions = properties.at("/Rule/Actions");

        assertThat(target(properties.get("RuleSetName"))).isEqualTo(only("AWS::SES::ReceiptRuleSet").getKey());
        assertThat(only("AWS::SES::ReceiptRuleSet").getValue().at("/Properties/RuleSetName").asText())
                .isEqualTo(Synthesized.SETTINGS.physicalName("inbound"));
        assertThat(properties.at("/Rule/Enabled").asBoolean()).isTrue();
        assertThat(properties.at("/Rule/ScanEnabled").asBoolean()).isTrue();
        // the organizer: the OrganizerAddress parameter, or the sender identity when it is empty
        JsonNode recipient = properties.at("/Rule/Recipients/0/Fn::If");
        assertThat(recipient.get(0).asText()).isEqualTo("OrganizerIsSender");
        assertThat(recipient.get(1).asText()).isEqualTo(Synthesized.SENDER);
        assertThat(recipient.at("/2/Ref").asText()).isEqualTo(MiniAtsStack.ORGANIZER_PARAMETER);
        assertThat(actions).hasSize(2);
        assertThat(target(actions.at("/0/S3Action/BucketName"))).isEqualTo(only("AWS::S3::Bucket").getKey());
        assertThat(actions.at("/0/S3Action/ObjectKeyPrefix").asText()).isEqualTo(CalendarReplyReceiving.PREFIX);
        assertThat(target(actions.at("/1/LambdaAction/FunctionArn"))).isEqualTo(replyAlias());
        assertThat(actions.at("/1/LambdaAction/InvocationType").asText()).isEqualTo("Event");
        String sesPermission = resources("AWS::Lambda::Permission").entrySet().stream()
                .filter(p -> p.getValue().at("/Properties/Principal").asText().equals("ses.amazonaws.com"))
                .findFirst().orElseThrow().getKey();
        assertThat(strings(rule.getValue().get("DependsOn"))).contains(only("AWS::S3::BucketPolicy").getKey(), sesPermission);
    }

    @Test
    void ses_may_invoke_the_live_alias_only_for_this_accounts_rule() {
        List<JsonNode> sesPermissions = resources("AWS::Lambda::Permission").values().stream()
                .map(p -> p.get("Properties"))
                .filter(p -> p.get("Principal").asText().equals("ses.amazonaws.com"))
                .toList();

        assertThat(sesPermissions).hasSize(1);
        JsonNode permission = sesPermissions.get(0);
        assertThat(permission.get("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(target(permission.get("FunctionName"))).isEqualTo(replyAlias());
        assertThat(permission.at("/SourceAccount/Ref").asText()).isEqualTo("AWS::AccountId");
        assertIsTheRulesArn(permission.get("SourceArn"));
    }

    @Test
    void the_function_runs_the_reply_handler_on_java_21_arm64_traced_with_its_bucket_table_and_bus() {
        JsonNode properties = replyFunction().getValue().get("Properties");
        JsonNode variables = properties.at("/Environment/Variables");

        assertThat(properties.get("Handler").asText()).isEqualTo(CalendarReplyHandler.class.getName() + "::handleRequest");
        assertThat(properties.get("Runtime").asText()).isEqualTo("java21");
        assertThat(strings(properties.get("Architectures"))).containsExactly("arm64");
        assertThat(properties.at("/TracingConfig/Mode").asText()).isEqualTo("Active");
        assertThat(target(variables.get(ReplyEnvironment.INBOUND_BUCKET))).isEqualTo(only("AWS::S3::Bucket").getKey());
        assertThat(variables.get(ReplyEnvironment.INBOUND_PREFIX).asText()).isEqualTo(CalendarReplyReceiving.PREFIX);
        assertThat(target(variables.get(ReplyEnvironment.IDEMPOTENCY_TABLE))).isEqualTo(table("idempotency"));
        assertThat(target(variables.get(ReplyEnvironment.BUS_NAME))).isEqualTo(bus());
        JsonNode logs = resources("AWS::Logs::LogGroup").get(target(properties.at("/LoggingConfig/LogGroup")));
        assertThat(logs.at("/Properties/RetentionInDays").asInt()).isEqualTo(14);
    }

    @Test
    void the_function_may_read_received_mail_put_events_on_the_bus_and_use_the_idempotency_table_only() {
        String role = target(replyFunction().getValue().at("/Properties/Role"));
        List<JsonNode> statements = roleStatements(role);

        assertThat(statements).anySatisfy(s -> {
            assertThat(strings(s.get("Action"))).containsExactly("s3:GetObject");
            JsonNode resource = s.at("/Resource/Fn::Join/1");
            assertThat(target(resource.get(0))).isEqualTo(only("AWS::S3::Bucket").getKey());
            assertThat(resource.get(1).asText()).isEqualTo("/" + CalendarReplyReceiving.PREFIX + "*");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(strings(s.get("Action"))).containsExactly("events:PutEvents");
            assertThat(target(s.get("Resource"))).isEqualTo(bus());
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(strings(s.get("Action"))).containsExactlyInAnyOrder(
                    "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
            assertThat(target(s.get("Resource"))).isEqualTo(table("idempotency"));
        });
        List<String> actions = statements.stream().flatMap(s -> strings(s.get("Action")).stream()).toList();
        assertThat(actions).noneMatch(a -> a.startsWith("ses:")).noneMatch(a -> a.equals("s3:PutObject"))
                .noneMatch(a -> a.equals("dynamodb:Query") || a.equals("dynamodb:Scan"));
    }

    @Test
    void the_outputs_name_the_rule_set_to_activate_the_bucket_and_the_function() {
        JsonNode outputs = Synthesized.json().get("Outputs");

        assertThat(target(outputs.at("/ReceiptRuleSetName/Value"))).isEqualTo(only("AWS::SES::ReceiptRuleSet").getKey());
        assertThat(target(outputs.at("/InboundMailBucketName/Value"))).isEqualTo(only("AWS::S3::Bucket").getKey());
        assertThat(target(outputs.at("/CalendarReplyFunctionName/Value"))).isEqualTo(replyFunction().getKey());
    }
}
