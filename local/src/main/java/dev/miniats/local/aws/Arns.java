package dev.miniats.local.aws;

import software.amazon.awssdk.arns.Arn;

/**
 * ARNs of the runtime's resources, built with the AWS SDK's {@link Arn} so the order of region and
 * account and the resource syntax are the SDK's (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 * Every service builds its ARNs here with the runtime's one account and region.
 */
public record Arns(String region, String account) {
    /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    public String of(String service, String resource) {
        return Arn.builder().partition("aws").service(service).region(region).accountId(account).resource(resource).build().toString();
    }

    /** A global service's ARN (IAM): no region. */
    public String global(String service, String resource) {
        return Arn.builder().partition("aws").service(service).region("").accountId(account).resource(resource).build().toString();
    }

    public String lambdaFunction(String name) {
        return of("lambda", "function:" + name);
    }

    public String sqsQueue(String name) {
        return of("sqs", name);
    }

    public String eventBus(String name) {
        return of("events", "event-bus/" + name);
    }

    /** A rule's ARN: {@code rule/<name>} on the default bus, {@code rule/<bus>/<name>} on any other. */
    public String rule(String bus, String name) {
        return of("events", "rule/" + ("default".equals(bus) ? name : bus + "/" + name));
    }

    public String logGroup(String group) {
        return of("logs", "log-group:" + group);
    }

    /**
     * Parses {@code arn}; null when it is not an ARN. The SDK's {@code tryFromString} throws instead
     * of answering empty for some malformed ARNs (an empty resource after its type, e.g.
     * {@code arn:aws:lambda:us-east-1:000000000000:function:}), so that is caught here.
     */
    public static Arn parse(String arn) {
        try {
            return arn == null ? null : Arn.tryFromString(arn).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
