package dev.miniats.core.routing;

import java.util.Objects;

/**
 * One EventBridge rule with its single Lambda target.
 *
 * @param ruleName     the rule's name on the bus
 * @param description  what the rule is for, shown in the console and in CloudFormation
 * @param eventPattern the EventBridge event pattern, as JSON
 * @param functionName the target function's name (see the functions module's catalog)
 * @param retryPolicy  the target's retry policy
 * @param deadLetter   whether undeliverable events go to a dead-letter queue
 */
public record Route(String ruleName, String description, String eventPattern, String functionName,
                    RetryPolicy retryPolicy, boolean deadLetter) {
    public Route {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(eventPattern, "eventPattern");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        EventPatterns.requireValid(eventPattern);
    }
}
