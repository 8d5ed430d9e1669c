package dev.miniats.local.scheduler;

import dev.miniats.local.aws.Arns;
import software.amazon.awssdk.arns.Arn;

/**
 * The templated targets the local Scheduler delivers to. Others Scheduler supports (SQS, ECS,
 * universal {@code aws-sdk} targets, …) are refused at create time with a message naming them,
 * rather than accepted and silently never delivered.
 */
enum TargetKind {
    LAMBDA, EVENT_BUS;

    static TargetKind of(String arn) {
        Arn parsed = Arns.parse(arn);
        if (parsed != null && parsed.service().equals("lambda") && parsed.resourceAsString().startsWith("function:")) {
            return LAMBDA;
        }
        if (parsed != null && parsed.service().equals("events") && parsed.resourceAsString().startsWith("event-bus/")) {
            return EVENT_BUS;
        }
        throw SchedulerException.invalid("Target.Arn is '" + arn + "'; the local Scheduler delivers to Lambda functions "
                + "(arn:aws:lambda:…:function:NAME) and event buses (arn:aws:events:…:event-bus/NAME)");
    }

    /** The function or bus name in {@code arn}. */
    static String resourceName(String arn) {
        String resource = Arns.parse(arn).resourceAsString();
        return resource.substring(resource.indexOf(resource.startsWith("function:") ? ':' : '/') + 1);
    }
}
