package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.dynamodb.DynamoDb;
import dev.miniats.local.s3.S3;
import dev.miniats.local.sqs.Sqs;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AWS::SQS::Queue and QueuePolicy in ElasticMQ, AWS::DynamoDB::Table in dynalite and
 * AWS::S3::Bucket in s3proxy: made through the runtime's embedded backends, so {@code aws sqs
 * list-queues}, {@code aws dynamodb list-tables} and {@code aws s3 ls} show them.
 */
final class StorageProviders {
    /** Queue properties that are SQS attributes of the same name (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html). */
    private static final Set<String> QUEUE_ATTRIBUTES = Set.of("DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue", "ContentBasedDeduplication", "RedrivePolicy",
            "RedriveAllowPolicy", "DeduplicationScope", "FifoThroughputLimit");
    /** CreateTable members a table's properties carry as they are (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html). */
    private static final Set<String> TABLE_MEMBERS = Set.of("AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput",
            "GlobalSecondaryIndexes", "LocalSecondaryIndexes");

    /** A stream ARN's label: its creation time (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html). */
    private static final DateTimeFormatter STREAM_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private StorageProviders() {
    }

    static void register(ResourceProviders registry, S3 s3, Sqs sqs, DynamoDb dynamoDb, String region, Clock clock) {
        registry.register("AWS::SQS::Queue", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                boolean fifo = p.path("FifoQueue").asBoolean(false);
                String name = p.path("QueueName").asText(fifo ? naming.name(75) + ".fifo" : naming.name(80));
                Map<String, String> attributes = new LinkedHashMap<>();
                for (String key : QUEUE_ATTRIBUTES) {
                    JsonNode value = p.get(key);
                    if (value != null) {
                        attributes.put(key, value.isContainerNode() ? value.toString() : value.asText());
                    }
                }
                Sqs.Queue q = sqs.createQueue(name, attributes);
                return new Made(q.url(), Map.of("Arn", q.arn(), "QueueName", name, "QueueUrl", q.url()));
            }

            @Override
            public void prepare() {
                sqs.start();
            }

            @Override
            public void delete(String queueUrl, JsonNode properties) {
                ignoreMissing(() -> sqs.deleteQueue(queueUrl), "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist");
            }
        });
        // ElasticMQ keeps no resource policies, and the runtime's senders (EventBridge's dead
        // letters) are trusted, so a queue policy has nothing to change; it is checked against its
        // queues, recorded in the stack, and Ref answers the queue list as on AWS.
        registry.register("AWS::SQS::QueuePolicy", (ResourceProvider.RecordOnly) (naming, p) -> {
            if (!p.path("PolicyDocument").isObject() || !p.path("Queues").isArray() || p.path("Queues").isEmpty()) {
                throw CfnException.invalid("Properties validation failed for resource " + naming.logicalId()
                        + ": PolicyDocument (an object) and Queues (a list of queue URLs) are required");
            }
            return new ResourceProvider.Made(naming.name(128), Map.of());
        });
        registry.register("AWS::DynamoDB::Table", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("TableName").asText(naming.name(255));
                ObjectNode request = Json.MAPPER.createObjectNode().put("TableName", name);
                p.properties().forEach(e -> {
                    if (TABLE_MEMBERS.contains(e.getKey())) {
                        request.set(e.getKey(), e.getValue());
                    }
                });
                JsonNode stream = p.path("StreamSpecification");
                if (stream.has("StreamViewType")) {
                    request.putObject("StreamSpecification").put("StreamEnabled", true)
                            .put("StreamViewType", stream.get("StreamViewType").asText());
                }
                if (!request.has("BillingMode") && !request.has("ProvisionedThroughput")) {
                    request.put("BillingMode", "PROVISIONED"); // CloudFormation's default, which needs throughput
                }
                if (request.has("GlobalSecondaryIndexes") && "PAY_PER_REQUEST".equals(request.path("BillingMode").asText())) {
                    request.set("GlobalSecondaryIndexes", withoutThroughput((ArrayNode) request.get("GlobalSecondaryIndexes")));
                }
                DynamoDb.Table t = dynamoDb.createTable(request);
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("Arn", t.arn());
                if (t.streamArn() != null) {
                    attributes.put("StreamArn", t.streamArn());
                } else if (request.has("StreamSpecification")) {
                    // dynalite keeps no streams: the ARN is DynamoDB's shape, so templates that grant or
                    // export it deploy; no stream records are produced locally
                    attributes.put("StreamArn", t.arn() + "/stream/" + STREAM_LABEL.format(clock.instant()));
                }
                return new Made(name, attributes);
            }

            @Override
            public void prepare() {
                dynamoDb.start();
            }

            @Override
            public void delete(String name, JsonNode properties) {
                ignoreMissing(() -> dynamoDb.deleteTable(name), "ResourceNotFoundException");
            }
        });
        registry.register("AWS::S3::Bucket", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("BucketName").asText(naming.name(63).toLowerCase(Locale.ROOT));
                s3.createBucket(name);
                return new Made(name, Map.of("Arn", "arn:aws:s3:::" + name, "DomainName", name + ".s3.amazonaws.com",
                        "RegionalDomainName", name + ".s3." + region + ".amazonaws.com",
                        "WebsiteURL", "http://" + name + ".s3-website-" + region + ".amazonaws.com"));
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                return after.path("BucketName").equals(before.path("BucketName")) ? new Made(physicalId, attributes) : null;
            }

            @Override
            public void delete(String name, JsonNode properties) {
                // as on AWS, a bucket that still holds objects fails its delete (BucketNotEmpty)
                ignoreMissing(() -> s3.deleteBucket(name), "NoSuchBucket");
            }
        });
    }

    private static ArrayNode withoutThroughput(ArrayNode indexes) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        indexes.forEach(i -> out.add(((ObjectNode) i.deepCopy()).without("ProvisionedThroughput")));
        return out;
    }

    /** Runs a delete; a resource already gone is not an error (someone deleted it through its service's API). */
    private static void ignoreMissing(Runnable delete, String... missingCodes) {
        try {
            delete.run();
        } catch (AwsException e) {
            if (!Set.of(missingCodes).contains(e.code())) {
                throw e;
            }
        }
    }
}
