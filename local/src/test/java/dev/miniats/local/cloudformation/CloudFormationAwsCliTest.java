package dev.miniats.local.cloudformation;

import org.junit.jupiter.api.extension.RegisterExtension;
import dev.miniats.local.iam.CliRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code aws cloudformation} against the runtime: deploy, intrinsics, rollback, bad templates and deletion, as the CLI shows them. */
@Tag("e2e")
class CloudFormationAwsCliTest {
    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();

    private static Path file(String name, String body) throws IOException {
        return Files.writeString(ats.dataDir().resolve(name), body);
    }

    private static JsonNode stack(String name) {
        return ats.aws().ok("cloudformation", "describe-stacks", "--stack-name", name).get("Stacks").get(0);
    }

    private static Map<String, String> outputs(String name) {
        return outputs(ats.aws(), name);
    }

    /** The stack's outputs by key, as describe-stacks shows them. */
    static Map<String, String> outputs(AwsCli cli, String name) {
        Map<String, String> out = new HashMap<>();
        cli.ok("cloudformation", "describe-stacks", "--stack-name", name).at("/Stacks/0/Outputs")
                .forEach(o -> out.put(o.get("OutputKey").asText(), o.get("OutputValue").asText()));
        return out;
    }

    private static List<String> events(String name) {
        return events(ats.aws(), name);
    }

    /** "Logical STATUS reason" of each of the stack's events, newest first. */
    static List<String> events(AwsCli cli, String name) {
        List<String> out = new ArrayList<>();
        cli.ok("cloudformation", "describe-stack-events", "--stack-name", name).get("StackEvents").forEach(e -> out.add(
                e.get("LogicalResourceId").asText() + " " + e.get("ResourceStatus").asText()
                        + (e.has("ResourceStatusReason") ? " " + e.get("ResourceStatusReason").asText() : "")));
        return out;
    }

    static final String WORKSHOP = """
            AWSTemplateFormatVersion: '2010-09-09'
            Description: a workshop-style stack of a user's own
            Parameters:
              OutFile:
                Type: String
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Role: !GetAtt Role.Arn
                  Environment:
                    Variables:
                      OUT_FILE: !Ref OutFile
                  Code:
                    ZipFile: |
                      const fs = require('fs');
                      exports.handler = async (event) => {
                        fs.appendFileSync(process.env.OUT_FILE, JSON.stringify(event) + '\\n');
                        return 'ok';
                      };
              Invoke:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Fn
                  Action: lambda:InvokeFunction
                  Principal: events.amazonaws.com
                  SourceArn: !GetAtt Rule.Arn
              Bus:
                Type: AWS::Events::EventBus
                Properties:
                  Name: !Sub '${AWS::StackName}-bus'
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
                  Policies:
                    - PolicyName: logs
                      PolicyDocument:
                        Version: '2012-10-17'
                        Statement:
                          - {Effect: Allow, Action: 'logs:PutLogEvents', Resource: '*'}
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: !Ref Bus
                  EventPattern:
                    source: [workshop]
                  Targets:
                    - Id: function
                      Arn: !GetAtt Fn.Arn
              Logs:
                Type: AWS::Logs::LogGroup
                DeletionPolicy: Retain
                Properties:
                  LogGroupName: /workshop/logs
            Outputs:
              BusArn:
                Value: !GetAtt Bus.Arn
                Export: {Name: workshop-bus-arn}
              RoleArn:
                Value: !GetAtt [Role, Arn]
            """;

    @Test
    void a_workshop_stack_deploys_with_the_cli_routes_an_event_and_delete_stack_removes_it() throws Exception {
        Path template = file("workshop.yaml", WORKSHOP);
        Path recorded = ats.dataDir().resolve("function-saw.jsonl");
        assertThat(ats.aws().fails("cloudformation", "deploy", "--stack-name", "workshop", "--template-file", template.toString(),
                "--parameter-overrides", "OutFile=" + recorded))
                .contains("InsufficientCapabilitiesException").contains("Requires capabilities : [CAPABILITY_IAM]");
        long started = System.nanoTime();
        String printed = ats.aws().okText("cloudformation", "deploy", "--stack-name", "workshop", "--template-file", template.toString(),
                "--capabilities", "CAPABILITY_IAM", "--parameter-overrides", "OutFile=" + recorded);
        long millis = (System.nanoTime() - started) / 1_000_000;
        JsonNode story = ats.aws().ok("cloudformation", "describe-stack-events", "--stack-name", "workshop").get("StackEvents");
        System.out.println("cloudformation deploy to CREATE_COMPLETE: " + millis + " ms through the CLI; the stack itself from "
                + story.get(story.size() - 1).get("Timestamp").asText() + " to " + story.get(0).get("Timestamp").asText());
        assertThat(printed).contains("Successfully created/updated stack - workshop");
        JsonNode stack = stack("workshop");
        assertThat(stack.get("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
        assertThat(outputs("workshop").get("BusArn")).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/workshop-bus");

        // each resource is visible through its own service's API
        assertThat(ats.aws().ok("events", "describe-event-bus", "--name", "workshop-bus").get("Name").asText()).isEqualTo("workshop-bus");
        JsonNode rules = ats.aws().ok("events", "list-rules", "--event-bus-name", "workshop-bus").get("Rules");
        assertThat(rules).hasSize(1);
        String roleName = ats.aws().ok("cloudformation", "describe-stack-resource", "--stack-name", "workshop", "--logical-resource-id", "Role")
                .get("StackResourceDetail").get("PhysicalResourceId").asText();
        assertThat(roleName).startsWith("workshop-Role-");
        assertThat(ats.aws().ok("iam", "get-role", "--role-name", roleName).get("Role").get("Arn").asText()).isEqualTo(outputs("workshop").get("RoleArn"));
        assertThat(ats.aws().ok("iam", "list-role-policies", "--role-name", roleName).get("PolicyNames").get(0).asText()).isEqualTo("logs");
        assertThat(ats.aws().ok("cloudformation", "list-exports").get("Exports")).extracting(e -> e.get("Name").asText()).contains("workshop-bus-arn");
        assertThat(ats.aws().ok("cloudformation", "list-stack-resources", "--stack-name", "workshop").get("StackResourceSummaries")).hasSize(6);
        String function = ats.aws().ok("cloudformation", "describe-stack-resource", "--stack-name", "workshop", "--logical-resource-id", "Fn")
                .get("StackResourceDetail").get("PhysicalResourceId").asText();
        assertThat(ats.aws().ok("lambda", "get-function", "--function-name", function).get("Configuration").get("Runtime").asText())
                .isEqualTo("nodejs20.x");
        assertThat(ats.aws().ok("lambda", "get-policy", "--function-name", function).get("Policy").asText()).contains("events.amazonaws.com");

        ats.aws().ok("events", "put-events", "--entries", "[{\"EventBusName\":\"workshop-bus\",\"Source\":\"workshop\","
                + "\"DetailType\":\"hello\",\"Detail\":\"{\\\"n\\\":1}\"}]");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(recorded) && Files.readString(recorded).contains("workshop"));

        // deploying the same template again changes nothing
        assertThat(ats.aws().okText("cloudformation", "deploy", "--stack-name", "workshop", "--template-file", template.toString(),
                "--capabilities", "CAPABILITY_IAM", "--parameter-overrides", "OutFile=" + recorded, "--no-fail-on-empty-changeset"))
                .contains("No changes to deploy");

        ats.aws().ok("cloudformation", "delete-stack", "--stack-name", "workshop");
        ats.aws().ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "workshop");
        assertThat(ats.aws().fails("events", "describe-event-bus", "--name", "workshop-bus")).contains("ResourceNotFoundException");
        assertThat(ats.aws().fails("iam", "get-role", "--role-name", roleName)).contains("NoSuchEntity");
        assertThat(ats.aws().fails("lambda", "get-function", "--function-name", function)).contains("ResourceNotFoundException");
        assertThat(ats.aws().fails("cloudformation", "describe-stacks", "--stack-name", "workshop"))
                .contains("ValidationError").contains("Stack with id workshop does not exist");
        assertThat(events(stack.get("StackId").asText())).anyMatch(e -> e.equals("Logs DELETE_SKIPPED"))
                .anyMatch(e -> e.startsWith("workshop DELETE_COMPLETE"));
    }

    static final String INTRINSICS = """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
                Default: dev
              Names:
                Type: CommaDelimitedList
                Default: alpha,beta,gamma
              Secret:
                Type: String
                NoEcho: true
                MinLength: 3
            Mappings:
              Sizes:
                dev: {Count: '1'}
                prod: {Count: '3'}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Not [!Condition IsProd]
              Both: !And [!Condition IsDev, !Or [!Equals [a, a], !Equals [a, b]]]
            Resources:
              Bus:
                Type: AWS::Events::EventBus
                Properties:
                  Name: !Join ['-', [intrinsic, !Ref Env, !Select [1, !Ref Names]]]
              ProdOnly:
                Type: AWS::Events::EventBus
                Condition: IsProd
                Properties:
                  Name: prod-only-bus
              Meta:
                Type: AWS::CDK::Metadata
                Properties:
                  Analytics: !If [IsDev, !Ref 'AWS::NoValue', something]
            Outputs:
              Ref: {Value: !Ref Bus}
              GetAttDotted: {Value: !GetAtt Bus.Arn}
              SubBoth: {Value: !Sub ['${Name} in ${AWS::Region} of ${AWS::AccountId} on ${AWS::Partition}.${AWS::URLSuffix} ${!Literal}', {Name: !GetAtt Bus.Name}]}
              SubStack: {Value: !Sub '${AWS::StackName}'}
              Split: {Value: !Select [2, !Split [',', 'x,y,z']]}
              FindInMap: {Value: !FindInMap [Sizes, !Ref Env, Count]}
              Base64: {Value: !Base64 'hello'}
              AZ: {Value: !Select [0, !GetAZs '']}
              If: {Value: !If [IsProd, big, small]}
              Both: {Value: !If [Both, yes-both, no]}
              Joined: {Value: !Join [',', !Ref Names]}
              ProdBus: {Condition: IsProd, Value: !Ref ProdOnly}
              Import: {Value: !ImportValue intrinsic-export-source}
            """;

    @Test
    void every_intrinsic_function_and_condition_resolves_resource_by_resource_and_output_by_output() throws Exception {
        ats.aws().ok("cloudformation", "create-stack", "--stack-name", "exporter", "--template-body", """
                {"Resources": {"B": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "exporter-bus"}}},
                 "Outputs": {"N": {"Value": {"Ref": "B"}, "Export": {"Name": "intrinsic-export-source"}}}}""");
        ats.aws().ok("cloudformation", "wait", "stack-create-complete", "--stack-name", "exporter");

        Path template = file("intrinsics.yaml", INTRINSICS);
        ats.aws().ok("cloudformation", "create-stack", "--stack-name", "intrinsics", "--template-body", "file://" + template,
                "--parameters", "ParameterKey=Secret,ParameterValue=hunter2");
        ats.aws().ok("cloudformation", "wait", "stack-create-complete", "--stack-name", "intrinsics");

        Map<String, String> out = outputs("intrinsics");
        assertThat(out).containsEntry("Ref", "intrinsic-dev-beta")
                .containsEntry("GetAttDotted", "arn:aws:events:us-east-1:000000000000:event-bus/intrinsic-dev-beta")
                .containsEntry("SubBoth", "intrinsic-dev-beta in us-east-1 of 000000000000 on aws.amazonaws.com ${Literal}")
                .containsEntry("SubStack", "intrinsics").containsEntry("Split", "z").containsEntry("FindInMap", "1")
                .containsEntry("Base64", "aGVsbG8=").containsEntry("AZ", "us-east-1a").containsEntry("If", "small")
                .containsEntry("Both", "yes-both").containsEntry("Joined", "alpha,beta,gamma")
                .containsEntry("Import", "exporter-bus").doesNotContainKey("ProdBus");
        assertThat(ats.aws().ok("events", "list-event-buses").get("EventBuses")).extracting(b -> b.get("Name").asText())
                .contains("intrinsic-dev-beta").doesNotContain("prod-only-bus");
        JsonNode secret = List.copyOf(toList(stack("intrinsics").get("Parameters"))).stream()
                .filter(p -> p.get("ParameterKey").asText().equals("Secret")).findFirst().orElseThrow();
        assertThat(secret.get("ParameterValue").asText()).isEqualTo("****");

        // the condition turns on with an update: the prod-only bus appears, the name changes by replacement
        ats.aws().ok("cloudformation", "update-stack", "--stack-name", "intrinsics", "--use-previous-template", "--parameters",
                "ParameterKey=Env,ParameterValue=prod", "ParameterKey=Secret,UsePreviousValue=true");
        ats.aws().ok("cloudformation", "wait", "stack-update-complete", "--stack-name", "intrinsics");
        assertThat(outputs("intrinsics")).containsEntry("ProdBus", "prod-only-bus").containsEntry("If", "big")
                .containsEntry("Ref", "intrinsic-prod-beta");
        assertThat(ats.aws().ok("events", "list-event-buses").get("EventBuses")).extracting(b -> b.get("Name").asText())
                .contains("intrinsic-prod-beta", "prod-only-bus").doesNotContain("intrinsic-dev-beta");
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void a_failing_third_resource_rolls_back_the_first_two_and_the_events_say_why() {
        ats.aws().ok("cloudformation", "create-stack", "--stack-name", "doomed", "--capabilities", "CAPABILITY_NAMED_IAM", "--template-body", """
                {"Resources": {
                  "First": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "doomed-bus"}},
                  "Second": {"Type": "AWS::IAM::Role", "DependsOn": "First", "Properties": {"RoleName": "doomed-role",
                    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
                  "Third": {"Type": "AWS::Timestream::Database", "DependsOn": "Second"}}}""");
        assertThat(ats.aws().fails("cloudformation", "wait", "stack-create-complete", "--stack-name", "doomed"))
                .contains("ROLLBACK_COMPLETE");
        assertThat(stack("doomed").get("StackStatus").asText()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(events("doomed")).anyMatch(e -> e.startsWith("Third CREATE_FAILED Resource type AWS::Timestream::Database is not supported"))
                .anyMatch(e -> e.equals("First DELETE_COMPLETE")).anyMatch(e -> e.equals("Second DELETE_COMPLETE"))
                .anyMatch(e -> e.startsWith("doomed ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Third]"));
        assertThat(ats.aws().fails("events", "describe-event-bus", "--name", "doomed-bus")).contains("ResourceNotFoundException");
        assertThat(ats.aws().fails("iam", "get-role", "--role-name", "doomed-role")).contains("NoSuchEntity");
        ats.aws().ok("cloudformation", "delete-stack", "--stack-name", "doomed");
        ats.aws().ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "doomed");
    }

    @Test
    void a_failed_update_puts_back_what_it_changed_in_place_and_keeps_what_it_replaced() {
        String template = """
                {"Resources": {
                  "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "reverted-bus"}},
                  "Rule": {"Type": "AWS::Events::Rule", "Properties": {"Name": "reverted-rule", "EventBusName": {"Ref": "Bus"},
                    "EventPattern": {"source": ["SOURCE"]}}},
                  "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "QUEUE"}}MORE}}""";
        ats.aws().ok("cloudformation", "create-stack", "--stack-name", "reverted", "--template-body",
                template.replace("SOURCE", "before").replace("QUEUE", "reverted-first").replace("MORE", ""));
        ats.aws().ok("cloudformation", "wait", "stack-create-complete", "--stack-name", "reverted");

        ats.aws().ok("cloudformation", "update-stack", "--stack-name", "reverted", "--template-body", template.replace("SOURCE", "after")
                .replace("QUEUE", "reverted-second").replace("MORE", ", \"Broken\": {\"Type\": \"AWS::Timestream::Database\", \"DependsOn\": [\"Rule\", \"Queue\"]}"));
        assertThat(ats.aws().fails("cloudformation", "wait", "stack-update-complete", "--stack-name", "reverted"))
                .contains("UPDATE_ROLLBACK_COMPLETE");

        assertThat(ats.aws().ok("events", "describe-rule", "--name", "reverted-rule", "--event-bus-name", "reverted-bus")
                .get("EventPattern").asText()).contains("before").doesNotContain("after");
        assertThat(ats.aws().ok("sqs", "get-queue-url", "--queue-name", "reverted-first").get("QueueUrl").asText()).endsWith("reverted-first");
        assertThat(ats.aws().fails("sqs", "get-queue-url", "--queue-name", "reverted-second")).contains("NonExistentQueue");
        assertThat(events("reverted")).anyMatch(e -> e.startsWith("reverted UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to update: [Broken]"))
                .anyMatch(e -> e.equals("Rule UPDATE_COMPLETE")).anyMatch(e -> e.equals("Queue DELETE_COMPLETE"));
        ats.aws().ok("cloudformation", "delete-stack", "--stack-name", "reverted");
        ats.aws().ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "reverted");
        assertThat(ats.aws().fails("sqs", "get-queue-url", "--queue-name", "reverted-first")).contains("NonExistentQueue");
    }

    @Test
    void bad_templates_and_parameters_are_validation_errors_and_create_nothing() {
        String bus = "\"B\": {\"Type\": \"AWS::Events::EventBus\", \"Properties\": {\"Name\": \"never-made\"}}";
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("Template format error: JSON not well-formed", new String[]{"{\"Resources\": {"});
        cases.put("Template format error: YAML not well-formed", new String[]{"Resources:\n  B: [unclosed\n   x: {"});
        cases.put("Circular dependency between resources: [A, B]", new String[]{"{\"Resources\": {"
                + "\"A\": {\"Type\": \"AWS::Events::EventBus\", \"DependsOn\": \"B\"},"
                + "\"B\": {\"Type\": \"AWS::Events::EventBus\", \"DependsOn\": \"A\"}}}"});
        cases.put("Template format error: Unresolved resource dependencies [Nothing] in the Resources block of the template",
                new String[]{"{\"Resources\": {\"B\": {\"Type\": \"AWS::Events::EventBus\", \"Properties\": {\"Name\": {\"Ref\": \"Nothing\"}}}}}"});
        cases.put("Parameters: [Env] must have values", new String[]{"{\"Parameters\": {\"Env\": {\"Type\": \"String\"}}, \"Resources\": {" + bus + "}}"});
        cases.put("Parameter 'Env' must be one of AllowedValues", new String[]{"{\"Parameters\": {\"Env\": {\"Type\": \"String\","
                + " \"AllowedValues\": [\"dev\", \"prod\"]}}, \"Resources\": {" + bus + "}}", "ParameterKey=Env,ParameterValue=staging"});
        cases.put("Unable to fetch parameters [/not/in/ssm] from parameter store for this account.", new String[]{"{\"Parameters\": {\"X\": {\"Type\":"
                + " \"AWS::SSM::Parameter::Value<String>\", \"Default\": \"/not/in/ssm\"}}, \"Resources\": {" + bus + "}}"});
        cases.forEach((message, input) -> {
            List<String> args = new ArrayList<>(List.of("cloudformation", "create-stack", "--stack-name", "bad", "--template-body", input[0]));
            if (input.length > 1) {
                args.addAll(List.of("--parameters", input[1]));
            }
            assertThat(ats.aws().fails(args.toArray(String[]::new))).as(message).contains("(ValidationError)").contains(message);
            // a template with a required parameter, or naming an SSM parameter that is not there yet, is still a valid template
            if (!message.startsWith("Parameter") && !message.startsWith("Unable to fetch parameters")) {
                assertThat(ats.aws().fails("cloudformation", "validate-template", "--template-body", input[0])).contains(message);
            }
        });
        assertThat(ats.aws().fails("cloudformation", "describe-stacks", "--stack-name", "bad")).contains("Stack with id bad does not exist");
        assertThat(ats.aws().ok("events", "list-event-buses").get("EventBuses")).extracting(b -> b.get("Name").asText()).doesNotContain("never-made");
        assertThat(ats.aws().fails("cloudformation", "create-stack", "--stack-name", "url", "--template-url", "https://example.com/t.json"))
                .contains("TemplateURL must be a supported URL: https://example.com/t.json is not an S3 object URL");
    }
}
