package dev.miniats.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.local.aws.Json;

import java.util.Map;

/**
 * EventBridge's Target on the wire (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html),
 * as PutTargets receives it and ListTargetsByRule answers it, and its conversion to and from the
 * bus's {@link Target}. Immutable.
 */
record TargetShape(String id, String arn, String input, String inputPath, InputTransformerShape inputTransformer,
                   RetryPolicyShape retryPolicy, DeadLetterConfigShape deadLetterConfig, SqsParametersShape sqsParameters) {
    /** InputPathsMap's documented maximum number of variables. */
    static final int MAX_INPUT_PATHS = 100;

    record InputTransformerShape(Map<String, String> inputPathsMap, String inputTemplate) {
    }

    record RetryPolicyShape(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {
    }

    record DeadLetterConfigShape(String arn) {
    }

    record SqsParametersShape(String messageGroupId) {
    }

    static TargetShape of(Target t) {
        InputTransformerShape transformer = t.inputTransformer() == null ? null
                : new InputTransformerShape(t.inputTransformer().inputPathsMap(), t.inputTransformer().inputTemplate());
        return new TargetShape(t.id(), t.arn(), t.input(), t.inputPath(), transformer,
                new RetryPolicyShape(t.retryPolicy().maximumRetryAttempts(), t.retryPolicy().maximumEventAgeSeconds()),
                t.deadLetterArn() == null ? null : new DeadLetterConfigShape(t.deadLetterArn()),
                t.sqsMessageGroupId() == null ? null : new SqsParametersShape(t.sqsMessageGroupId()));
    }

    /** The bus's target. @throws BusException.Validation naming the target, the field and what is expected */
    Target toTarget() {
        Fields.required(id, "Id", Fields.TARGET_ID);
        if (arn == null || !arn.startsWith("arn:")) {
            throw new BusException.Validation("Parameter Arn of target " + id + " is not valid: expected an ARN, got " + arn);
        }
        if (input != null) {
            try {
                Json.MAPPER.readTree(input);
            } catch (JsonProcessingException e) {
                throw new BusException.Validation("Input of target " + id + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        RetryPolicy retry = RetryPolicy.DEFAULT;
        if (retryPolicy != null) {
            try {
                retry = new RetryPolicy(
                        retryPolicy.maximumRetryAttempts() == null ? RetryPolicy.MAX_RETRY_ATTEMPTS : retryPolicy.maximumRetryAttempts(),
                        retryPolicy.maximumEventAgeInSeconds() == null ? RetryPolicy.MAX_EVENT_AGE_SECONDS
                                : retryPolicy.maximumEventAgeInSeconds());
            } catch (IllegalArgumentException e) {
                throw new BusException.Validation("RetryPolicy of target " + id + " is not valid: " + e.getMessage());
            }
        }
        String groupId = sqsParameters == null ? null : sqsParameters.messageGroupId();
        // A FIFO queue target needs its message group (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_SqsParameters.html)
        if (arn.startsWith("arn:aws:sqs:") && arn.endsWith(".fifo") && (groupId == null || groupId.isBlank())) {
            throw new BusException.Validation("Parameter(s) SqsParameters must be specified for target: " + id
                    + " (a FIFO queue needs SqsParameters.MessageGroupId).");
        }
        return new Target(id, arn, input, inputPath, transformer(), retry, deadLetterConfig == null ? null : deadLetterConfig.arn(),
                groupId);
    }

    /**
     * The InputTransformer, refusing what EventBridge refuses
     * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html): more
     * than 100 paths, and keys starting with {@code AWS.} in any case, the namespace of the
     * predefined variables such as {@code aws.events.rule-name}.
     */
    private Target.InputTransformer transformer() {
        if (inputTransformer == null) {
            return null;
        }
        if (inputTransformer.inputTemplate() == null) {
            throw new BusException.Validation("InputTransformer of target " + id + " has no InputTemplate.");
        }
        Map<String, String> paths = inputTransformer.inputPathsMap() == null ? Map.of() : inputTransformer.inputPathsMap();
        for (Map.Entry<String, String> path : paths.entrySet()) {
            if (path.getKey().regionMatches(true, 0, "AWS.", 0, 4)) {
                throw new BusException.Validation("InputPathsMap key '" + path.getKey() + "' of target " + id + " is not valid:"
                        + " keys cannot start with \"AWS.\" (reserved for the predefined variables such as aws.events.rule-name);"
                        + " expected a name of letters, digits, _ and -");
            }
            if (path.getValue() == null) {
                throw new BusException.Validation("InputPathsMap key '" + path.getKey() + "' of target " + id
                        + " has no path; expected a JSON path such as $.detail.name");
            }
        }
        if (paths.size() > MAX_INPUT_PATHS) {
            throw new BusException.Validation("InputPathsMap has " + paths.size() + " entries; the maximum is " + MAX_INPUT_PATHS + ".");
        }
        return new Target.InputTransformer(paths, inputTransformer.inputTemplate());
    }
}
