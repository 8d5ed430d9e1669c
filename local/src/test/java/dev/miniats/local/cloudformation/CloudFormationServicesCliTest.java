package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stacks whose resources live in S3, SQS, DynamoDB and EventBridge's archives, Lambda-backed
 * custom resources answered through the pre-signed S3 ResponseURL, templates read from a
 * TemplateURL, and the workshop template without its AWS::Lambda::Permission under
 * {@code --iam enforce}: each checked through the owning service's own API with the AWS CLI.
 */
@Tag("e2e")
class CloudFormationServicesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static AwsCli aws;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().iamEnforce(true).timeScale(0.001).build());
        aws = AwsCli.local(runtime.endpoint(), dataDir);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Map<String, String> outputs(String stack) {
        return CloudFormationAwsCliTest.outputs(aws, stack);
    }

    private static List<String> events(String stack) {
        return CloudFormationAwsCliTest.events(aws, stack);
    }

    private static void deleteStack(String stack) {
        aws.ok("cloudformation", "delete-stack", "--stack-name", stack);
        aws.ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", stack);
    }

    static final String STORAGE = """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 45
              QueuePolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Queue]
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - {Effect: Allow, Principal: {Service: events.amazonaws.com}, Action: 'sqs:SendMessage', Resource: !GetAtt Queue.Arn}
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: storage-things
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  StreamSpecification: {StreamViewType: NEW_IMAGE}
              Bucket:
                Type: AWS::S3::Bucket
              Bus:
                Type: AWS::Events::EventBus
                Properties: {Name: storage-bus}
              Archive:
                Type: AWS::Events::Archive
                Properties:
                  SourceArn: !GetAtt Bus.Arn
                  RetentionDays: 7
            Outputs:
              QueueUrl: {Value: !Ref Queue}
              QueueArn: {Value: !GetAtt Queue.Arn}
              TableArn: {Value: !GetAtt Table.Arn}
              StreamArn: {Value: !GetAtt Table.StreamArn}
              BucketName: {Value: !Ref Bucket}
              ArchiveName: {Value: !Ref Archive}
            """;

    @Test
    void queues_tables_buckets_and_archives_are_made_in_their_services_and_deleted_with_the_stack() throws IOException {
        aws.okText("s3", "mb", "s3://templates");
        Files.writeString(dataDir.resolve("storage.yaml"), STORAGE);
        aws.okText("s3", "cp", dataDir.resolve("storage.yaml").toString(), "s3://templates/storage.yaml");
        aws.ok("cloudformation", "create-stack", "--stack-name", "storage", "--template-url",
                "https://templates.s3.amazonaws.com/storage.yaml");
        aws.ok("cloudformation", "wait", "stack-create-complete", "--stack-name", "storage");
        Map<String, String> out = outputs("storage");

        assertThat(aws.ok("sqs", "get-queue-attributes", "--queue-url", out.get("QueueUrl"), "--attribute-names", "All")
                .at("/Attributes/VisibilityTimeout").asText()).isEqualTo("45");
        assertThat(out.get("QueueArn")).startsWith("arn:aws:sqs:us-east-1:000000000000:storage-Queue-");
        JsonNode table = aws.ok("dynamodb", "describe-table", "--table-name", "storage-things").get("Table");
        assertThat(table.get("TableArn").asText()).isEqualTo(out.get("TableArn"));
        assertThat(out.get("StreamArn")).startsWith(out.get("TableArn") + "/stream/");
        assertThat(out.get("BucketName")).startsWith("storage-bucket-");
        aws.ok("s3api", "head-bucket", "--bucket", out.get("BucketName"));
        assertThat(aws.ok("events", "describe-archive", "--archive-name", out.get("ArchiveName")).get("RetentionDays").asInt()).isEqualTo(7);

        deleteStack("storage");
        assertThat(aws.fails("sqs", "get-queue-attributes", "--queue-url", out.get("QueueUrl"))).contains("NonExistentQueue");
        assertThat(aws.fails("dynamodb", "describe-table", "--table-name", "storage-things")).contains("ResourceNotFoundException");
        assertThat(aws.fails("s3api", "head-bucket", "--bucket", out.get("BucketName"))).contains("404");
        assertThat(aws.fails("events", "describe-archive", "--archive-name", out.get("ArchiveName"))).contains("ResourceNotFoundException");
    }

    static final String CUSTOM = """
            Parameters:
              Name: {Type: String}
              OutFile: {Type: String}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]
              Responder:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Role: !GetAtt Role.Arn
                  Environment: {Variables: {OUT_FILE: !Ref OutFile}}
                  Code:
                    ZipFile: |
                      const http = require('http');
                      const fs = require('fs');
                      exports.handler = async (event) => {
                        fs.appendFileSync(process.env.OUT_FILE, event.RequestType + ' ' + event.ResourceType + '\\n');
                        const name = event.ResourceProperties.Name;
                        const body = JSON.stringify({Status: name === 'fail' ? 'FAILED' : 'SUCCESS', Reason: 'asked to ' + name,
                          PhysicalResourceId: 'greeting-' + name, StackId: event.StackId, RequestId: event.RequestId,
                          LogicalResourceId: event.LogicalResourceId, Data: {Greeting: 'hello ' + name}});
                        await new Promise((resolve, reject) => {
                          const req = http.request(new URL(event.ResponseURL), {method: 'PUT',
                            headers: {'content-type': '', 'content-length': Buffer.byteLength(body)}}, res => { res.resume(); res.on('end', resolve); });
                          req.on('error', reject);
                          req.end(body);
                        });
                      };
              Greeting:
                Type: Custom::Greeting
                Properties:
                  ServiceToken: !GetAtt Responder.Arn
                  Name: !Ref Name
            Outputs:
              Greeting: {Value: !GetAtt Greeting.Greeting}
              Id: {Value: !Ref Greeting}
            """;

    @Test
    void a_custom_resource_is_answered_through_the_presigned_response_url_and_gets_its_delete() throws IOException {
        Path template = Files.writeString(dataDir.resolve("custom.yaml"), CUSTOM);
        Path seen = dataDir.resolve("custom-requests.txt");
        aws.okText("cloudformation", "deploy", "--stack-name", "custom", "--template-file", template.toString(), "--capabilities",
                "CAPABILITY_IAM", "--parameter-overrides", "Name=ada", "OutFile=" + seen);
        assertThat(outputs("custom")).containsEntry("Greeting", "hello ada").containsEntry("Id", "greeting-ada");

        deleteStack("custom");
        assertThat(Files.readAllLines(seen)).containsExactly("Create Custom::Greeting", "Delete Custom::Greeting");

        assertThat(aws.fails("cloudformation", "deploy", "--stack-name", "refused", "--template-file", template.toString(),
                "--capabilities", "CAPABILITY_IAM", "--parameter-overrides", "Name=fail", "OutFile=" + seen)).contains("Failed to create/update the stack");
        assertThat(aws.ok("cloudformation", "describe-stacks", "--stack-name", "refused").at("/Stacks/0/StackStatus").asText())
                .isEqualTo("ROLLBACK_COMPLETE");
        assertThat(events("refused")).anyMatch(e -> e.startsWith("Greeting CREATE_FAILED Received response status [FAILED] from custom"
                + " resource. Message returned: asked to fail"));
        assertThat(aws.ok("lambda", "list-functions").get("Functions")).noneMatch(f -> f.get("FunctionName").asText().startsWith("refused-"));
    }

    @Test
    void a_function_whose_code_is_not_in_s3_fails_with_s3s_reason_and_an_unknown_type_is_named() {
        aws.okText("s3", "mb", "s3://empty-code");
        aws.ok("cloudformation", "create-stack", "--stack-name", "nocode", "--capabilities", "CAPABILITY_IAM", "--template-body", """
                {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "java21", "Handler": "x.Y::handleRequest",
                  "Role": "arn:aws:iam::000000000000:role/none", "Code": {"S3Bucket": "empty-code", "S3Key": "functions.jar"}}}}}""");
        aws.fails("cloudformation", "wait", "stack-create-complete", "--stack-name", "nocode");
        assertThat(events("nocode")).anyMatch(e -> e.startsWith("Fn CREATE_FAILED") && e.contains("NoSuchKey")
                && e.contains("S3Bucket empty-code, S3Key functions.jar"));

        aws.ok("cloudformation", "create-stack", "--stack-name", "unknown", "--template-body",
                "{\"Resources\": {\"Db\": {\"Type\": \"AWS::RDS::DBInstance\"}}}");
        aws.fails("cloudformation", "wait", "stack-create-complete", "--stack-name", "unknown");
        assertThat(events("unknown")).anyMatch(e -> e.startsWith("Db CREATE_FAILED Resource type AWS::RDS::DBInstance is not supported"));
    }

    @Test
    void the_workshop_template_without_its_lambda_permission_deploys_and_its_rule_visibly_fails_to_invoke() throws Exception {
        String withoutPermission = CloudFormationAwsCliTest.WORKSHOP.replaceAll("(?s)  Invoke:\n.*?SourceArn: !GetAtt Rule.Arn\n", "");
        assertThat(withoutPermission).doesNotContain("AWS::Lambda::Permission");
        Path template = Files.writeString(dataDir.resolve("forgot-permission.yaml"), withoutPermission.replace("workshop", "forgot"));
        Path recorded = dataDir.resolve("forgot-saw.jsonl");
        aws.okText("cloudformation", "deploy", "--stack-name", "forgot", "--template-file", template.toString(),
                "--capabilities", "CAPABILITY_IAM", "--parameter-overrides", "OutFile=" + recorded);

        String eventId = aws.ok("events", "put-events", "--entries", "[{\"EventBusName\":\"forgot-bus\",\"Source\":\"forgot\","
                + "\"DetailType\":\"hello\",\"Detail\":\"{}\"}]").at("/Entries/0/EventId").asText();
        JsonNode delivery = awaitDelivery(eventId);
        assertThat(delivery.get("errorCode").asText()).isEqualTo("AccessDeniedException");
        assertThat(delivery.get("errorMessage").asText()).contains("events.amazonaws.com is not authorized to perform lambda:InvokeFunction")
                .contains("aws lambda add-permission");
        assertThat(recorded).doesNotExist();
        deleteStack("forgot");
    }

    private static JsonNode awaitDelivery(String eventId) {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String body = http.send(HttpRequest.newBuilder(runtime.endpoint().resolve("/_ats/events/" + eventId)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode deliveries = JSON.readTree(body).path("deliveries");
            found[0] = deliveries.isArray() && deliveries.size() > 0 ? deliveries.get(0) : null;
            return found[0] != null && !"pending".equals(found[0].get("status").asText());
        });
        return found[0];
    }
}
