package dev.miniats.local.lambda;

import java.util.regex.Pattern;

/**
 * How Lambda handles a function's asynchronous invocations
 * (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionEventInvokeConfig.html): how many times a
 * failed event is retried (0 to 2), how old an event may get before it is given up (60 s to 6 h),
 * and where a record of each success or final failure goes. Also the request of
 * {@code put-}/{@code update-function-event-invoke-config}, whose absent members are null.
 *
 * @param lastModified epoch seconds, as Lambda answers it
 */
record EventInvokeConfig(Double lastModified, String functionArn, Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds,
                         DestinationConfig destinationConfig) {
    static final int MAX_RETRIES = 2;
    static final int MIN_AGE_SECONDS = 60;
    static final int MAX_AGE_SECONDS = 21_600;
    /** The destinations mini-ats delivers to: an SQS queue, a Lambda function, an EventBridge bus. */
    static final Pattern DESTINATION = Pattern.compile("arn:aws[a-z-]*:(sqs:[a-z0-9-]+:\\d{12}:[\\w.-]+"
            + "|lambda:[a-z0-9-]+:\\d{12}:function:[\\w-]+(:[\\w$-]+)?|events:[a-z0-9-]+:\\d{12}:event-bus/[\\w./-]+)");

    record DestinationConfig(OnDestination onSuccess, OnDestination onFailure) {
    }

    record OnDestination(String destination) {
    }

    /** The members a request gives, checked as Lambda checks them; {@code member} names are Lambda's own. */
    EventInvokeConfig validated() {
        if (maximumRetryAttempts != null && (maximumRetryAttempts < 0 || maximumRetryAttempts > MAX_RETRIES)) {
            throw LambdaErrors.validation(String.valueOf(maximumRetryAttempts), "maximumRetryAttempts",
                    "Member must have value between 0 and " + MAX_RETRIES);
        }
        if (maximumEventAgeInSeconds != null && (maximumEventAgeInSeconds < MIN_AGE_SECONDS || maximumEventAgeInSeconds > MAX_AGE_SECONDS)) {
            throw LambdaErrors.validation(String.valueOf(maximumEventAgeInSeconds), "maximumEventAgeInSeconds",
                    "Member must have value between " + MIN_AGE_SECONDS + " and " + MAX_AGE_SECONDS);
        }
        if (destinationConfig != null) {
            check(destinationConfig.onSuccess());
            check(destinationConfig.onFailure());
        }
        return this;
    }

    private static void check(OnDestination destination) {
        if (destination == null || destination.destination() == null) {
            return;
        }
        if (!DESTINATION.matcher(destination.destination()).matches()) {
            throw LambdaErrors.invalidParameter("The destination ARN " + destination.destination() + " is invalid: expected the ARN of"
                    + " an SQS queue (arn:aws:sqs:REGION:ACCOUNT:NAME), a Lambda function (arn:aws:lambda:REGION:ACCOUNT:function:NAME)"
                    + " or an EventBridge bus (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)");
        }
    }

    /** This configuration with {@code update}'s members where it has them (update-function-event-invoke-config). */
    EventInvokeConfig merge(EventInvokeConfig update) {
        DestinationConfig destinations = destinationConfig;
        if (update.destinationConfig() != null) {
            DestinationConfig old = destinationConfig == null ? new DestinationConfig(null, null) : destinationConfig;
            destinations = new DestinationConfig(
                    update.destinationConfig().onSuccess() != null ? update.destinationConfig().onSuccess() : old.onSuccess(),
                    update.destinationConfig().onFailure() != null ? update.destinationConfig().onFailure() : old.onFailure());
        }
        return new EventInvokeConfig(lastModified, functionArn,
                update.maximumRetryAttempts() != null ? update.maximumRetryAttempts() : maximumRetryAttempts,
                update.maximumEventAgeInSeconds() != null ? update.maximumEventAgeInSeconds() : maximumEventAgeInSeconds, destinations);
    }

    EventInvokeConfig stamped(String arn, double epochSeconds) {
        return new EventInvokeConfig(epochSeconds, arn, maximumRetryAttempts, maximumEventAgeInSeconds,
                destinationConfig == null ? new DestinationConfig(null, null) : destinationConfig);
    }

    int retries() {
        return maximumRetryAttempts == null ? MAX_RETRIES : maximumRetryAttempts;
    }

    long maxAgeMillis() {
        return (maximumEventAgeInSeconds == null ? MAX_AGE_SECONDS : maximumEventAgeInSeconds) * 1000L;
    }

    /** The destination for a success or a failure; null when none. */
    String destination(boolean success) {
        if (destinationConfig == null) {
            return null;
        }
        OnDestination on = success ? destinationConfig.onSuccess() : destinationConfig.onFailure();
        return on == null || on.destination() == null || on.destination().isEmpty() ? null : on.destination();
    }

    /** Lambda's defaults when a function has no configuration: two retries, six hours, no destinations. */
    static EventInvokeConfig defaults() {
        return new EventInvokeConfig(null, null, MAX_RETRIES, MAX_AGE_SECONDS, null);
    }
}
