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

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Queue URLs name {@code publicEndpoint} (asked for when ElasticMQ starts: the runtime's port is known by then). */
    public Sqs(Supplier<URI> publicEndpoint, String region, String account) {
        this.elasticMq = new LazyBackend<>("SQS (ElasticMQ)", () -> ElasticMq.start(publicEndpoint.get(), region, account));
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
        Map<String, MessageAttribute> typed = new LinkedHashMap<>();
        attributes.forEach((name, value) -> typed.put(name, new MessageAttribute("String", value)));
        return call("SendMessage", new SendMessage(queueUrl(queueArn), body, typed.isEmpty() ? null : typed))
                .path("MessageId").asText();
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

    private record SendMessage(String queueUrl, String messageBody, Map<String, MessageAttribute> messageAttributes) {
    }
}
