package dev.miniats.local.lambda;

import java.util.List;
import java.util.Map;

/**
 * Where Lambda's asynchronous invocations send their records, besides other functions: SQS queues
 * (destinations and dead-letter queues) and EventBridge buses. The runtime wires its SQS and its bus
 * in here, so this package depends on neither. Implementations are thread-safe.
 */
public interface AsyncDestinations {
    /** Thrown when a destination cannot take a record (no such queue or bus; none wired). */
    final class DestinationException extends RuntimeException {
        public DestinationException(String message) {
            super(message);
        }
    }

    /** Sends {@code body} with string message attributes to the queue {@code queueArn}. */
    void sendToQueue(String queueArn, String body, Map<String, String> attributes);

    /** Puts one event on the bus {@code busArn}. */
    void putEvent(String busArn, String source, String detailType, String detail, List<String> resources);

    /** No queues nor buses: every record sent to one fails with {@link DestinationException}. */
    static AsyncDestinations none() {
        return new AsyncDestinations() {
            @Override
            public void sendToQueue(String queueArn, String body, Map<String, String> attributes) {
                throw new DestinationException("no SQS is wired to deliver to " + queueArn);
            }

            @Override
            public void putEvent(String busArn, String source, String detailType, String detail, List<String> resources) {
                throw new DestinationException("no event bus is wired to deliver to " + busArn);
            }
        };
    }
}
