package dev.miniats.local.queues;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.events.Target;
import dev.miniats.local.events.delivery.Delivery;
import dev.miniats.local.events.delivery.TargetSender;
import dev.miniats.local.lambda.FunctionError;
import dev.miniats.local.sqs.Sqs;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.Map;

/**
 * SQS queues as rule targets: the delivery's payload (the event, or what Input, InputPath or
 * InputTransformer made of it) becomes the message body. A FIFO queue gets the target's
 * {@code SqsParameters.MessageGroupId} and the event id as deduplication id, as EventBridge sends
 * it (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html). A missing queue
 * is a permanent failure (straight to the dead-letter queue), any other SQS error is retried.
 * Thread-safe.
 */
public final class SqsTargets implements TargetSender {
    private final Sqs sqs;
    private final RuleTargets targets;

    SqsTargets(Sqs sqs, RuleTargets targets) {
        this.sqs = sqs;
        this.targets = targets;
    }

    @Override
    public byte[] send(Delivery delivery) {
        Target target = targets.targetOf(delivery).orElseThrow(() -> new FunctionError("ResourceNotFoundException",
                "Target " + delivery.target() + " of rule " + delivery.rule() + " no longer exists", false, null));
        if (!target.isQueue()) {
            return TargetSender.NONE.send(delivery);
        }
        boolean fifo = target.arn().endsWith(".fifo");
        String messageId;
        try {
            messageId = sqs.sendMessage(target.arn(), delivery.payload(), Map.of(),
                    fifo ? target.sqsMessageGroupId() : null, fifo ? delivery.eventId() : null);
        } catch (AwsException e) {
            boolean missing = Sqs.isMissingQueue(e);
            throw new FunctionError(missing ? "ResourceNotFoundException" : e.code(),
                    "SendMessage to " + target.arn() + " failed: " + e.getMessage(), !missing, e);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(new Sent(messageId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message id did not serialize", e);
        }
    }

    private record Sent(String messageId) {
    }
}
