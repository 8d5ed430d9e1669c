package dev.miniats.infra;

import dev.miniats.functions.replies.CalendarReplyHandler;
import dev.miniats.functions.replies.ReplyEnvironment;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.ses.CfnReceiptRule;
import software.amazon.awscdk.services.ses.CfnReceiptRuleSet;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calendar replies on AWS, by SES receiving: a receipt rule set whose one rule takes mail to the
 * organizer address, stores it in the inbound bucket under {@link #PREFIX} (S3 action), then
 * invokes {@code calendar-reply} with the event (Lambda action, asynchronously), which reads the
 * mail and publishes the answer on the bus.
 *
 * <p>The bucket blocks public access, encrypts at rest (SSE-S3), refuses plain HTTP and forgets
 * mail after {@link #EXPIRY_DAYS} days; SES may write to it only under the prefix and only for
 * this account's rule ({@code aws:SourceAccount}, {@code aws:SourceArn}), as
 * https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html advises, and may invoke
 * the function only for the same. The rule depends on both grants: SES checks them when the rule
 * is created. CloudFormation cannot make a rule set active; DEPLOY.md says how.
 */
final class CalendarReplyReceiving extends Construct {
    static final String FUNCTION_NAME = "calendar-reply";
    static final String PREFIX = ReplyEnvironment.DEFAULT_PREFIX;
    static final int EXPIRY_DAYS = 30;
    static final String RULE_SET = "inbound";
    static final String RULE = "calendar-replies";

    private final Bucket bucket;
    private final HiringLambda lambda;
    private final CfnReceiptRuleSet ruleSet;
    private final CfnReceiptRule rule;

    /**
     * @param recipient   the organizer address (or domain) whose mail the rule takes
     * @param idempotency the interview functions' table: the invites and this function's idempotency records
     */
    CalendarReplyReceiving(Construct scope, String id, StackSettings settings, Deployment.Inputs inputs, IEventBus bus,
                           Table idempotency, String recipient) {
        super(scope, id);
        String ruleSetName = settings.physicalName(RULE_SET);
        String ruleName = settings.physicalName(RULE);
        Stack stack = Stack.of(this);
        String ruleArn = stack.formatArn(ArnComponents.builder().service("ses").resource("receipt-rule-set")
                .resourceName(ruleSetName + ":receipt-rule/" + ruleName).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        // Sorted: Map.of's iteration order changes between JVM runs, and so would the template.
        Map<String, Object> onlyThisRule = Map.of("StringEquals", new TreeMap<>(Map.of("aws:SourceAccount", stack.getAccount(), "aws:SourceArn", ruleArn)));

        bucket = Bucket.Builder.create(this, "Inbound")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("forget-received-mail").expiration(Duration.days(EXPIRY_DAYS)).build()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("SesStoresReceivedMail")
                .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(PREFIX + "*")))
                .conditions(onlyThisRule)
                .build());

        lambda = new HiringLambda(this, "Reply", FUNCTION_NAME,
                "Reads calendar replies SES received for the organizer; publishes interview-confirmed or -declined once per answer",
                CalendarReplyHandler.class.getName() + "::handleRequest", settings, inputs,
                Map.of(ReplyEnvironment.INBOUND_BUCKET, bucket.getBucketName(),
                        ReplyEnvironment.INBOUND_PREFIX, PREFIX,
                        ReplyEnvironment.IDEMPOTENCY_TABLE, idempotency.getTableName(),
                        ReplyEnvironment.BUS_NAME, bus.getEventBusName()));
        lambda.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects(PREFIX + "*")))
                .build());
        // Invites and answers by key, and its own idempotency records: no Query, no Scan, one table.
        lambda.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"))
                .resources(List.of(idempotency.getTableArn()))
                .build());
        lambda.allowPutEvents(bus);
        lambda.live().addPermission("SesInvokes", Permission.builder()
                .principal(new ServicePrincipal("ses.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceAccount(stack.getAccount())
                .sourceArn(ruleArn)
                .build());

        ruleSet = CfnReceiptRuleSet.Builder.create(this, "RuleSet").ruleSetName(ruleSetName).build();
        rule = CfnReceiptRule.Builder.create(this, "Rule")
                .ruleSetName(ruleSet.getRef())
                .rule(CfnReceiptRule.RuleProperty.builder()
                        .name(ruleName)
                        .enabled(true)
                        .scanEnabled(true)
                        .recipients(List.of(recipient))
                        .actions(List.of(
                                CfnReceiptRule.ActionProperty.builder().s3Action(CfnReceiptRule.S3ActionProperty.builder()
                                        .bucketName(bucket.getBucketName()).objectKeyPrefix(PREFIX).build()).build(),
                                CfnReceiptRule.ActionProperty.builder().lambdaAction(CfnReceiptRule.LambdaActionProperty.builder()
                                        .functionArn(lambda.live().getFunctionArn()).invocationType("Event").build()).build()))
                        .build())
                .build();
        // SES tests both grants when the rule is created; without these it would race them.
        rule.getNode().addDependency(bucket.getPolicy());
        rule.getNode().addDependency(lambda.live().getNode().findChild("SesInvokes"));
    }

    Bucket bucket() {
        return bucket;
    }

    HiringLambda lambda() {
        return lambda;
    }

    /** The rule set's name: activate it with {@code aws ses set-active-receipt-rule-set --rule-set-name <this>}. */
    String ruleSetName() {
        return ruleSet.getRef();
    }

    CfnReceiptRule rule() {
        return rule;
    }
}
