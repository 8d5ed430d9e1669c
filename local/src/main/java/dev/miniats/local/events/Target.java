package dev.miniats.local.events;

import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.local.aws.Arns;
import software.amazon.awssdk.arns.Arn;

import java.util.Map;
import java.util.Objects;

/**
 * One target of a rule, with EventBridge's Target fields
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html). At most one of
 * {@code input}, {@code inputPath} and {@code inputTransformer} is set.
 *
 * @param id               the target's id, unique within its rule
 * @param arn              the target's ARN; Lambda function ARNs are invoked in-process
 * @param input            constant JSON sent instead of the event; may be null
 * @param inputPath        a JSONPath selecting the part of the event to send; may be null
 * @param inputTransformer paths and template building the input; may be null
 * @param retryPolicy      how long and how often a failed delivery is retried
 * @param deadLetterArn    the SQS queue undeliverable events are sent to; may be null (they are dropped)
 * @param sqsMessageGroupId SqsParameters.MessageGroupId, for a target that is a FIFO queue; may be null
 */
public record Target(String id, String arn, String input, String inputPath, InputTransformer inputTransformer,
                     RetryPolicy retryPolicy, String deadLetterArn, String sqsMessageGroupId) {
    private static final String LAMBDA_ARN = "arn:aws:lambda:";
    private static final String FUNCTION = "function:";

    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        int inputs = (input == null ? 0 : 1) + (inputPath == null ? 0 : 1) + (inputTransformer == null ? 0 : 1);
        if (inputs > 1) {
            throw new BusException.Validation("Target " + id + " sets more than one of Input, InputPath and InputTransformer; expected at most one");
        }
    }

    /** A target without SqsParameters. */
    public Target(String id, String arn, String input, String inputPath, InputTransformer inputTransformer,
                  RetryPolicy retryPolicy, String deadLetterArn) {
        this(id, arn, input, inputPath, inputTransformer, retryPolicy, deadLetterArn, null);
    }

    /** Whether the target is an SQS queue ({@code arn:aws:sqs:region:account:name}). */
    public boolean isQueue() {
        Arn parsed = Arns.parse(arn);
        return parsed != null && parsed.service().equals("sqs");
    }

    /** A target that receives the event itself, with the default retry policy and no dead-letter queue. */
    public static Target lambda(String id, String functionArn, RetryPolicy retryPolicy) {
        return new Target(id, functionArn, null, null, null, retryPolicy, null);
    }

    /**
     * The function name of a Lambda ARN ({@code arn:aws:lambda:region:account:function:name[:qualifier]}),
     * or null for any other kind of target. Read by hand, not with the SDK's {@code Arn} parser and
     * {@code split}: the bus asks once per matched target of every event, and parsing was 60% of
     * what it adds to event-ruler's own matching (bench/run.sh matching-cpu).
     */
    public String functionName() {
        if (!arn.startsWith(LAMBDA_ARN)) {
            return null;
        }
        int account = arn.indexOf(':', LAMBDA_ARN.length()) + 1;
        int resource = account == 0 ? 0 : arn.indexOf(':', account) + 1;
        if (resource == 0 || !arn.startsWith(FUNCTION, resource)) {
            return null;
        }
        int name = resource + FUNCTION.length();
        int qualifier = arn.indexOf(':', name);
        String function = qualifier < 0 ? arn.substring(name) : arn.substring(name, qualifier);
        return function.isEmpty() ? null : function;
    }

    /**
     * An InputTransformer (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html).
     *
     * @param inputPathsMap variable name to JSONPath in the event
     * @param inputTemplate the text or JSON with {@code <variable>} placeholders
     */
    public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
        public InputTransformer {
            inputPathsMap = inputPathsMap == null ? Map.of() : Map.copyOf(inputPathsMap);
            Objects.requireNonNull(inputTemplate, "inputTemplate");
        }
    }
}
