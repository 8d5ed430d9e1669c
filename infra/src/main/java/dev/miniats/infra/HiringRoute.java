package dev.miniats.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.routing.Route;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One route of the {@link dev.miniats.core.routing.RoutingDeclaration} on EventBridge: the rule with
 * the declared pattern, its single Lambda target with the declared retry policy, the dead-letter
 * queue, and the two resource policies EventBridge needs to use them (the brief forgot both).
 *
 * <p>The rule is the L1 {@code CfnRule} on purpose: the pattern goes to CloudFormation exactly as
 * declared, instead of through the L2 {@code EventPattern} struct, which would rename its keys.
 */
final class HiringRoute extends Construct {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENTS = "events.amazonaws.com";

    private final Queue deadLetters;

    HiringRoute(Construct scope, String id, Route route, IEventBus bus, Alias target) {
        super(scope, id);
        CfnRule.TargetProperty.Builder targetProperty = CfnRule.TargetProperty.builder()
                .id(route.functionName())
                .arn(target.getFunctionArn())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumRetryAttempts(route.retryPolicy().maximumRetryAttempts())
                        .maximumEventAgeInSeconds(route.retryPolicy().maximumEventAgeSeconds())
                        .build());
        deadLetters = route.deadLetter() ? deadLetterQueue() : null;
        if (deadLetters != null) {
            targetProperty.deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder()
                    .arn(deadLetters.getQueueArn()).build());
        }
        CfnRule rule = CfnRule.Builder.create(this, "Rule")
                .name(route.ruleName())
                .description(route.description())
                .eventBusName(bus.getEventBusName())
                .eventPattern(parse(route.eventPattern()))
                .state("ENABLED")
                .targets(List.of(targetProperty.build()))
                .build();

        // Without this, EventBridge's invocations fail with AccessDenied and end up in the DLQ.
        target.addPermission("InvokedBy" + id, Permission.builder()
                .principal(new ServicePrincipal(EVENTS))
                .sourceArn(rule.getAttrArn())
                .build());
        if (deadLetters != null) {
            // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html#eb-dlq-perms
            deadLetters.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("EventBridgeDeadLetters")
                    .principals(List.of(new ServicePrincipal(EVENTS)))
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(deadLetters.getQueueArn()))
                    .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
                    .build());
        }
    }

    Optional<Queue> deadLetters() {
        return Optional.ofNullable(deadLetters);
    }

    private Queue deadLetterQueue() {
        return Queue.Builder.create(this, "DeadLetters")
                // The longest SQS allows: a failed hiring email must still be inspectable after a holiday.
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
    }

    /** CloudFormation's EventPattern is a JSON object, not a string: hand it the parsed tree. */
    static Map<String, Object> parse(String eventPattern) {
        try {
            return JSON.readValue(eventPattern, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event pattern is not a JSON object: " + eventPattern, e);
        }
    }
}
