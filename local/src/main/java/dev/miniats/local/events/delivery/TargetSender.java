package dev.miniats.local.events.delivery;

import dev.miniats.local.lambda.FunctionError;

/** Sends a delivery to a target that is not a Lambda function (an SQS queue). */
@FunctionalInterface
public interface TargetSender {
    /** Refuses every such target: the bus then delivers to functions only. */
    TargetSender NONE = delivery -> {
        throw new FunctionError("UnsupportedTarget", "Target " + delivery.target()
                + " is not a Lambda function; the local bus delivers to local functions only", false, null);
    };

    /**
     * Sends {@code delivery.payload()}; answers what the target answered (kept as the delivery's result).
     * @throws FunctionError when the target cannot take it ({@link FunctionError#retryable()} says whether to retry)
     */
    byte[] send(Delivery delivery);
}
