package dev.miniats.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schedule as EventBridge Scheduler's API shows it (GetSchedule's output; CreateSchedule's input
 * less the name and client token), with its validation. Dates are epoch seconds, as the REST-JSON
 * protocol carries timestamps. Immutable.
 */
record Schedule(String arn, String name, String groupName, String description, String scheduleExpression,
                String scheduleExpressionTimezone, Double startDate, Double endDate, String state,
                FlexibleTimeWindow flexibleTimeWindow, Target target, String actionAfterCompletion, String kmsKeyArn,
                Double creationDate, Double lastModificationDate) {
    static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
    private static final Set<String> STATES = Set.of("ENABLED", "DISABLED");
    private static final Set<String> AFTER_COMPLETION = Set.of("NONE", "DELETE");

    /** {@code OFF}, or {@code FLEXIBLE} within 1–1440 minutes after the scheduled time. */
    record FlexibleTimeWindow(String mode, Integer maximumWindowInMinutes) {
    }

    /** Where an occurrence goes: a Lambda function or an event bus (with {@code EventBridgeParameters}). */
    record Target(String arn, String roleArn, String input, RetryPolicy retryPolicy, DeadLetterConfig deadLetterConfig,
                  EventBridgeParameters eventBridgeParameters, JsonNode sqsParameters) {
    }

    /** Defaults 185 attempts and 86,400 s, as Scheduler documents. */
    record RetryPolicy(Integer maximumEventAgeInSeconds, Integer maximumRetryAttempts) {
        int attempts() {
            return maximumRetryAttempts == null ? 185 : maximumRetryAttempts;
        }

        long maxAgeMillis() {
            return (maximumEventAgeInSeconds == null ? 86_400L : maximumEventAgeInSeconds) * 1000L;
        }
    }

    record DeadLetterConfig(String arn) {
    }

    record EventBridgeParameters(String detailType, String source) {
    }

    ZoneId zone() {
        return scheduleExpressionTimezone == null ? ZoneId.of("UTC") : ZoneId.of(scheduleExpressionTimezone);
    }

    boolean enabled() {
        return !"DISABLED".equals(state);
    }

    boolean deleteAfterCompletion() {
        return "DELETE".equals(actionAfterCompletion);
    }

    RetryPolicy retry() {
        return target.retryPolicy() == null ? new RetryPolicy(null, null) : target.retryPolicy();
    }

    static Instant instant(Double epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
    }

    /** Checks every field against Scheduler's documented constraints; the expression is parsed. */
    ScheduleExpression validate() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SchedulerException.invalid("Name is '" + name + "'; expected 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (scheduleExpressionTimezone != null) {
            try {
                ZoneId.of(scheduleExpressionTimezone);
            } catch (java.time.DateTimeException e) {
                throw SchedulerException.invalid("ScheduleExpressionTimezone is '" + scheduleExpressionTimezone
                        + "'; expected an IANA time zone such as America/New_York");
            }
        }
        if (state != null && !STATES.contains(state)) {
            throw SchedulerException.invalid("State is '" + state + "'; expected ENABLED or DISABLED");
        }
        if (actionAfterCompletion != null && !AFTER_COMPLETION.contains(actionAfterCompletion)) {
            throw SchedulerException.invalid("ActionAfterCompletion is '" + actionAfterCompletion + "'; expected NONE or DELETE");
        }
        if (description != null && description.length() > 512) {
            throw SchedulerException.invalid("Description has " + description.length() + " characters; expected at most 512");
        }
        validateWindow();
        validateTarget();
        if (startDate != null && endDate != null && endDate <= startDate) {
            throw SchedulerException.invalid("EndDate must be after StartDate");
        }
        return ScheduleExpression.parse(scheduleExpression);
    }

    private void validateWindow() {
        if (flexibleTimeWindow == null || flexibleTimeWindow.mode() == null) {
            throw SchedulerException.invalid("FlexibleTimeWindow.Mode is required; expected OFF or FLEXIBLE");
        }
        switch (flexibleTimeWindow.mode()) {
            case "OFF" -> {
                if (flexibleTimeWindow.maximumWindowInMinutes() != null) {
                    throw SchedulerException.invalid("MaximumWindowInMinutes must not be set when FlexibleTimeWindow.Mode is OFF");
                }
            }
            case "FLEXIBLE" -> {
                Integer w = flexibleTimeWindow.maximumWindowInMinutes();
                if (w == null || w < 1 || w > 1440) {
                    throw SchedulerException.invalid("MaximumWindowInMinutes is " + w + "; expected 1 to 1440 when Mode is FLEXIBLE");
                }
            }
            default -> throw SchedulerException.invalid("FlexibleTimeWindow.Mode is '" + flexibleTimeWindow.mode()
                    + "'; expected OFF or FLEXIBLE");
        }
    }

    private void validateTarget() {
        if (target == null || target.arn() == null || target.roleArn() == null) {
            throw SchedulerException.invalid("Target.Arn and Target.RoleArn are required");
        }
        TargetKind kind = TargetKind.of(target.arn());
        if (kind == TargetKind.EVENT_BUS && (target.eventBridgeParameters() == null
                || target.eventBridgeParameters().detailType() == null || target.eventBridgeParameters().source() == null)) {
            throw SchedulerException.invalid("Target.EventBridgeParameters with DetailType and Source are required for an event bus target");
        }
        RetryPolicy r = target.retryPolicy();
        if (r != null && ((r.maximumRetryAttempts() != null && (r.maximumRetryAttempts() < 0 || r.maximumRetryAttempts() > 185))
                || (r.maximumEventAgeInSeconds() != null && (r.maximumEventAgeInSeconds() < 60 || r.maximumEventAgeInSeconds() > 86_400)))) {
            throw SchedulerException.invalid("RetryPolicy is out of bounds; expected MaximumRetryAttempts 0-185 and "
                    + "MaximumEventAgeInSeconds 60-86400");
        }
    }
}
