package dev.miniats.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.backends.Claims;
import dev.miniats.local.backends.JsonCalls;
import dev.miniats.local.backends.LazyBackend;
import dev.miniats.local.backends.LoopbackForwarder;
import io.javalin.http.Context;

import dev.miniats.local.sqlite.Database;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.actor.queue.InternalMessage;
import scala.jdk.javaapi.CollectionConverters;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * SQS on the runtime's endpoint, answered by ElasticMQ in this JVM (started on the first SQS
 * request): requests signed for {@code sqs} or with an {@code AmazonSQS.} target, Query or JSON
 * protocol, are forwarded as they are, whatever their path (the Query protocol posts to the
 * queue's URL). The methods below are the in-process face for CloudFormation
 * ({@code AWS::SQS::Queue}) and EventBridge's dead letters. Thread-safe.
 */
public final class Sqs implements AwsService, AutoCloseable {
    static final String TARGET_PREFIX = "AmazonSQS.";

    private final LazyBackend<ElasticMq> elasticMq;
    private final LoopbackForwarder forwarder = new LoopbackForwarder();
    private final JsonCalls calls = new JsonCalls("sqs", TARGET_PREFIX);

    private final QueueStore store;

    /**
     * Queue URLs name {@code publicEndpoint} (asked for when ElasticMQ starts: the runtime's port is
     * known by then); queues and messages are kept in {@code db}, so they survive a restart.
     */
    public Sqs(Supplier<URI> publicEndpoint, String region, String account, Database db) {
        this.store = new QueueStore(db);
        this.elasticMq = new LazyBackend<>("SQS (ElasticMQ)", () -> ElasticMq.start(publicEndpoint.get(), region, account, store));
    }

    @Override
    public void register(AwsRoutes routes) {
        Claims.register(routes, Sqs::claims, ctx -> forwarder.forward(ctx, endpoint(), ctx.req().getRequestURI()));
    }

    private static boolean claims(Context ctx) {
        String target = ctx.header("X-Amz-Target");
        return target != null ? target.startsWith(TARGET_PREFIX) : "sqs".equals(AwsRequest.signedService(ctx));
    }

    private URI endpoint() {
        return elasticMq.get().endpoint();
    }

    /** Creates the queue (or finds it, when it exists with the same attributes, as SQS does). */
    public Queue createQueue(String name, Map<String, String> attributes) {
        String url = call("CreateQueue", new CreateQueue(name, attributes.isEmpty() ? null : attributes)).path("QueueUrl").asText();
        return new Queue(url, attribute(url, "QueueArn"));
    }

    /** The queue's URL from its ARN ({@code arn:aws:sqs:region:account:name}). */
    public String queueUrl(String queueArn) {
        return call("GetQueueUrl", new QueueName(queueName(queueArn))).path("QueueUrl").asText();
    }

    /** Sends {@code body} with string message attributes; returns the message id. */
    public String sendMessage(String queueArn, String body, Map<String, String> attributes) {
        return sendMessage(queueArn, body, attributes, null, null);
    }

    /**
     * Sends {@code body} with string message attributes and, for a FIFO queue, its group and
     * deduplication ids (null for a standard queue); returns the message id.
     * @throws AwsException {@code QueueDoesNotExist} (ElasticMQ's code) when there is no such queue
     */
    public String sendMessage(String queueArn, String body, Map<String, String> attributes, String groupId, String deduplicationId) {
        Map<String, MessageAttribute> typed = new LinkedHashMap<>();
        attributes.forEach((name, value) -> typed.put(name, new MessageAttribute("String", value)));
        return call("SendMessage", new SendMessage(queueUrl(queueArn), body, typed.isEmpty() ? null : typed, groupId, deduplicationId))
                .path("MessageId").asText();
    }

    /**
     * The queue's messages as they are stored, received or not, oldest first, without receiving
     * them (which would count a receive and could move them on through a redrive policy); empty
     * when the queue does not exist. Never starts ElasticMQ.
     */
    public List<StoredMessage> peek(String queueArn) {
        List<StoredMessage> out = new ArrayList<>();
        for (InternalMessage m : store.messages(queueName(queueArn))) {
            Map<String, String> attributes = new TreeMap<>();
            CollectionConverters.asJava(m.messageAttributes()).forEach((name, value) -> {
                if (value instanceof StringMessageAttribute text) {
                    attributes.put(name, text.stringValue());
                }
            });
            out.add(new StoredMessage(m.id(), m.content().value(), attributes, m.created().toInstant(), m.receiveCount()));
        }
        return out;
    }

    /**
     * Receives up to ten messages, invisible for {@code visibilitySeconds}; empty when none is
     * visible. What a redrive uses to get the receipt handle it deletes with.
     */
    public List<ReceivedMessage> receive(String queueArn, int visibilitySeconds) {
        JsonNode answer = call("ReceiveMessage", new ReceiveMessage(queueUrl(queueArn), 10, visibilitySeconds, new String[] {"All"}));
        List<ReceivedMessage> out = new ArrayList<>();
        for (JsonNode m : answer.path("Messages")) {
            Map<String, String> attributes = new TreeMap<>();
            m.path("MessageAttributes").fields().forEachRemaining(a -> attributes.put(a.getKey(), a.getValue().path("StringValue").asText()));
            out.add(new ReceivedMessage(m.path("MessageId").asText(), m.path("ReceiptHandle").asText(), m.path("Body").asText(), attributes));
        }
        return out;
    }

    public void deleteMessage(String queueArn, String receiptHandle) {
        call("DeleteMessage", new ReceiptHandle(queueUrl(queueArn), receiptHandle, null));
    }

    /** Makes a received message visible again at once. */
    public void release(String queueArn, String receiptHandle) {
        call("ChangeMessageVisibility", new ReceiptHandle(queueUrl(queueArn), receiptHandle, 0));
    }

    public void deleteQueue(String queueUrl) {
        call("DeleteQueue", new QueueUrl(queueUrl));
    }

    private String attribute(String url, String name) {
        return call("GetQueueAttributes", new GetQueueAttributes(url, new String[] {name})).path("Attributes").path(name).asText(null);
    }

    private JsonNode call(String operation, Object request) {
        return calls.call(endpoint(), operation, request);
    }

    /** Whether {@code e} says the queue does not exist (ElasticMQ's code, or SQS's Query-protocol one). */
    public static boolean isMissingQueue(AwsException e) {
        return e.code().contains("QueueDoesNotExist") || e.code().contains("NonExistentQueue");
    }

    static String queueName(String queueArn) {
        String[] parts = queueArn == null ? new String[0] : queueArn.split(":", -1);
        if (parts.length != 6 || !"sqs".equals(parts[2]) || parts[5].isEmpty()) {
            throw new AwsException(400, "InvalidParameterValue", "Queue ARN " + queueArn
                    + " is not an SQS queue ARN (expected arn:aws:sqs:region:account:name)");
        }
        return parts[5];
    }

    /** Starts the backend now, if it has not started yet: CloudFormation warms it up while it makes a stack's other resources. */
    public void start() {
        elasticMq.get();
    }

    @Override
    public void close() throws Exception {
        elasticMq.close();
    }

    /** A queue as the callers use it: its URL (on the runtime's endpoint) and its ARN. */
    public record Queue(String url, String arn) {
        public Queue {
            Objects.requireNonNull(url, "url");
        }
    }

    private record CreateQueue(String queueName, Map<String, String> attributes) {
    }

    private record QueueName(String queueName) {
    }

    private record QueueUrl(String queueUrl) {
    }

    private record GetQueueAttributes(String queueUrl, String[] attributeNames) {
    }

    private record MessageAttribute(String dataType, String stringValue) {
    }

    private record SendMessage(String queueUrl, String messageBody, Map<String, MessageAttribute> messageAttributes,
                               String messageGroupId, String messageDeduplicationId) {
    }

    private record ReceiveMessage(String queueUrl, int maxNumberOfMessages, int visibilityTimeout, String[] messageAttributeNames) {
    }

    private record ReceiptHandle(String queueUrl, String receiptHandle, Integer visibilityTimeout) {
    }

    /** A message as the queue holds it: {@code attributes} are its String message attributes. */
    public record StoredMessage(String messageId, String body, Map<String, String> attributes, Instant sentAt, int receiveCount) {
        public StoredMessage {
            attributes = Map.copyOf(attributes);
        }
    }

    /** A received message, with the receipt handle that deletes it. */
    public record ReceivedMessage(String messageId, String receiptHandle, String body, Map<String, String> attributes) {
        public ReceivedMessage {
            attributes = Map.copyOf(attributes);
        }
    }
}
