package dev.miniats.local.lambda;

import dev.miniats.local.lambda.AsyncQueueStore.QueuedEvent;
import dev.miniats.local.lambda.DestinationRecord.RequestContext;
import dev.miniats.local.lambda.DestinationRecord.ResponseContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports what became of an asynchronous invocation as Lambda does: a record to the OnSuccess or
 * OnFailure destination (an SQS queue, another function invoked asynchronously, or an EventBridge bus
 * with Lambda's detail types), and, for a final failure, the event itself to the function's
 * dead-letter queue with Lambda's {@code RequestID}, {@code ErrorCode} and {@code ErrorMessage}
 * attributes (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 * A destination that fails is logged; it never fails the invocation. Thread-safe.
 */
final class AsyncOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncOutcomes.class);
    /** Lambda puts the first kilobyte of the error message in the dead letter's ErrorMessage attribute. */
    private static final int DEAD_LETTER_MESSAGE_CHARS = 1024;

    /** Queues an asynchronous invocation of a destination function. */
    interface AsyncSubmit {
        void submit(String function, String qualifier, byte[] payload, String traceHeader);
    }

    private final FunctionRegistry functions;
    private final AsyncDestinations destinations;
    private final AsyncSubmit submit;
    private final Clock clock;

    AsyncOutcomes(FunctionRegistry functions, AsyncDestinations destinations, AsyncSubmit submit, Clock clock) {
        this.functions = functions;
        this.destinations = destinations;
        this.submit = submit;
        this.clock = clock;
    }

    void succeeded(QueuedEvent event, EventInvokeConfig config, Invocation invocation, byte[] response) {
        String destination = config.destination(true);
        if (destination == null) {
            return;
        }
        DestinationRecord record = DestinationRecord.of(clock.instant(), context(event, invocation, DestinationRecord.SUCCESS),
                event.payload(), new ResponseContext(200, version(invocation), null), response == null ? new byte[0] : response);
        deliver(destination, event, record, true);
    }

    /**
     * @param invocation the last attempt, or null when the event was given up without one
     * @param error      what the last attempt failed with, or null (the event got too old)
     */
    void failed(QueuedEvent event, EventInvokeConfig config, String condition, Invocation invocation, FunctionError error) {
        String destination = config.destination(false);
        if (destination != null) {
            DestinationRecord record = DestinationRecord.of(clock.instant(), context(event, invocation, condition), event.payload(),
                    error == null ? null : new ResponseContext(200, version(invocation), "Unhandled"),
                    error == null ? null : errorDocument(error));
            deliver(destination, event, record, false);
        }
        String deadLetterQueue = deadLetterQueue(event);
        if (deadLetterQueue != null) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("RequestID", invocation == null ? event.id() : invocation.requestId());
            attributes.put("ErrorCode", "200");
            String message = error == null ? "Event age exceeded" : error.getMessage() == null ? error.errorType() : error.getMessage();
            attributes.put("ErrorMessage", message.length() > DEAD_LETTER_MESSAGE_CHARS ? message.substring(0, DEAD_LETTER_MESSAGE_CHARS) : message);
            try {
                destinations.sendToQueue(deadLetterQueue, new String(event.payload(), StandardCharsets.UTF_8), attributes);
            } catch (RuntimeException e) {
                LOG.warn("cannot send the failed event {} of {} to its dead-letter queue {}: {}", event.id(), event.function(),
                        deadLetterQueue, e.toString());
            }
        }
    }

    private RequestContext context(QueuedEvent event, Invocation invocation, String condition) {
        String arn = functions.arn(event.function()) + ":" + (event.qualifier() == null ? FunctionConfiguration.LATEST : event.qualifier());
        return new RequestContext(invocation == null ? event.id() : invocation.requestId(), arn, condition, event.retries() + 1);
    }

    private static String version(Invocation invocation) {
        return invocation == null || invocation.version() == null ? FunctionConfiguration.LATEST : invocation.version();
    }

    private static byte[] errorDocument(FunctionError error) {
        if (error.document() != null && error.document().length > 0) {
            return error.document();
        }
        return new DestinationRecord.ErrorDocument(error.errorType(), error.getMessage()).toJson();
    }

    /** The dead-letter queue of the version or alias invoked; null when it has none. */
    private String deadLetterQueue(QueuedEvent event) {
        UserFunctions users = functions.userFunctions();
        if (users == null || !users.exists(event.function())) {
            return null;
        }
        try {
            FunctionConfiguration.DeadLetterConfig dlq = users.resolve(event.function(), event.qualifier()).deadLetterConfig();
            return dlq == null || dlq.targetArn() == null || dlq.targetArn().isEmpty() ? null : dlq.targetArn();
        } catch (RuntimeException e) {
            return null; // the function or alias is gone
        }
    }

    private void deliver(String destination, QueuedEvent event, DestinationRecord record, boolean success) {
        try {
            String json = record.toJson();
            if (destination.contains(":sqs:")) {
                destinations.sendToQueue(destination, json, Map.of());
            } else if (destination.contains(":lambda:")) {
                FunctionName target = FunctionName.parse(destination, null);
                submit.submit(target.name(), target.qualifier(), json.getBytes(StandardCharsets.UTF_8), event.traceHeader());
            } else {
                destinations.putEvent(destination, "lambda", success ? "Lambda Function Invocation Result - Success"
                        : "Lambda Function Invocation Result - Failure", json, List.of(functions.arn(event.function())));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot send the {} record of {}'s asynchronous invocation {} to {}: {}", success ? "OnSuccess" : "OnFailure",
                    event.function(), event.id(), destination, e.toString());
        }
    }
}
