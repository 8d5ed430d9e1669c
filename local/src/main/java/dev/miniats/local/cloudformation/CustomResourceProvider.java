package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.s3.S3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Lambda-backed custom resources ({@code Custom::*} and {@code AWS::CloudFormation::CustomResource}):
 * the ServiceToken function is invoked asynchronously with CloudFormation's request
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html) whose
 * ResponseURL is a pre-signed PUT on the local S3; the resource succeeds or fails as the response
 * object it PUTs there says
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html), its
 * {@code Data} answering Fn::GetAtt. No response before the timeout fails the resource, as does a
 * function that fails without responding (AWS would wait out its hour; locally the function's
 * error is the clearer reason). Thread-safe.
 */
final class CustomResourceProvider implements ResourceProvider {
    /** Invokes a function by name (and qualifier, null for $LATEST); throws when it fails. */
    interface Invoker {
        byte[] invoke(String function, String qualifier, byte[] payload);
    }

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a function that failed without responding is given to respond anyway (its retries, a slow PUT). */
    private static final Duration GRACE_AFTER_FAILURE = Duration.ofSeconds(2);

    private final S3 s3;
    private final Invoker invoker;
    private final Supplier<URI> endpoint;
    private final Clock clock;
    private final Duration timeout;
    private final String bucket;
    private final String region;

    CustomResourceProvider(S3 s3, Invoker invoker, Supplier<URI> endpoint, Clock clock, Duration timeout, String region) {
        this.s3 = s3;
        this.invoker = invoker;
        this.endpoint = endpoint;
        this.clock = clock;
        this.timeout = timeout;
        this.region = region;
        this.bucket = "cloudformation-custom-resource-response-" + region.replace("-", "");
    }

    @Override
    public Made create(Naming naming, JsonNode properties) {
        return request("Create", naming, null, properties, null);
    }

    @Override
    public Made update(Naming naming, String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
        if (!after.path("ServiceToken").equals(before.path("ServiceToken"))) {
            throw CfnException.invalid("Modifying service token is not allowed.");
        }
        return request("Update", naming, physicalId, after, before);
    }

    @Override
    public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
        throw new IllegalStateException("custom resources are updated with their stack's naming");
    }

    @Override
    public void delete(Naming naming, String physicalId, JsonNode properties) {
        request("Delete", naming, physicalId, properties, null);
    }

    @Override
    public void delete(String physicalId, JsonNode properties) {
        throw new IllegalStateException("custom resources are deleted with their stack's naming");
    }

    private Made request(String type, Naming naming, String physicalId, JsonNode properties, JsonNode old) {
        String token = properties.path("ServiceToken").asText("");
        String[] arn = token.split(":");
        if (arn.length < 7 || !arn[2].equals("lambda") || !arn[5].equals("function")) {
            throw CfnException.invalid("Invalid service token " + token + " for resource " + naming.logicalId()
                    + ": expected a Lambda function ARN (arn:aws:lambda:region:account:function:name); SNS topics are not supported locally");
        }
        String requestId = UUID.randomUUID().toString();
        String key = naming.stackName() + "/" + naming.logicalId() + "/" + requestId;
        ensureBucket();
        ObjectNode event = Json.MAPPER.createObjectNode().put("RequestType", type).put("ServiceToken", token)
                .put("ResponseURL", presignedPut(key)).put("StackId", naming.stackId()).put("RequestId", requestId)
                .put("LogicalResourceId", naming.logicalId()).put("ResourceType", naming.type());
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        event.set("ResourceProperties", properties);
        if (old != null) {
            event.set("OldResourceProperties", old);
        }
        byte[] payload = event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CompletableFuture<Void> invoked = CompletableFuture.runAsync(() -> invoker.invoke(arn[6], arn.length > 7 ? arn[7] : null, payload),
                r -> {
                    Thread t = new Thread(r, "custom-resource-" + naming.logicalId());
                    t.setDaemon(true);
                    t.start();
                });
        JsonNode response = awaitResponse(key, invoked, naming.logicalId());
        if (!"SUCCESS".equals(response.path("Status").asText())) {
            throw CfnException.invalid("Received response status [" + response.path("Status").asText("")
                    + "] from custom resource. Message returned: " + response.path("Reason").asText("(no Reason)")
                    + " (RequestId: " + requestId + ")");
        }
        String madeId = response.path("PhysicalResourceId").asText(physicalId == null ? naming.name(128) : physicalId);
        Map<String, String> data = new HashMap<>();
        response.path("Data").properties().forEach(e -> data.put(e.getKey(), e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString()));
        return new Made(madeId, data);
    }

    private JsonNode awaitResponse(String key, CompletableFuture<Void> invoked, String logicalId) {
        long deadline = clock.millis() + timeout.toMillis();
        Long failedAt = null;
        while (true) {
            try {
                return Json.MAPPER.readTree(s3.object(bucket, key));
            } catch (AwsException e) {
                if (!e.code().equals("NoSuchKey")) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the response of custom resource " + logicalId + " is not JSON", e);
            }
            if (invoked.isCompletedExceptionally() && failedAt == null) {
                failedAt = clock.millis();
            }
            if (failedAt != null && clock.millis() - failedAt > GRACE_AFTER_FAILURE.toMillis()) {
                String why = invoked.handle((ok, thrown) -> thrown.getCause() == null ? thrown.getMessage() : thrown.getCause().getMessage()).join();
                throw CfnException.invalid("Custom resource " + logicalId + ": its function failed without responding: " + why);
            }
            if (clock.millis() > deadline) {
                throw CfnException.invalid("CloudFormation did not receive a response from your Custom Resource " + logicalId
                        + " within " + timeout.toSeconds() + " seconds. Please check your logs for requestId [" + key + "].");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CfnException.invalid("interrupted while waiting for custom resource " + logicalId);
            }
        }
    }

    private void ensureBucket() {
        try {
            s3.createBucket(bucket);
        } catch (AwsException e) {
            if (!e.code().startsWith("BucketAlready")) {
                throw e;
            }
        }
    }

    /**
     * A URL in the shape of a SigV4 pre-signed PUT on the runtime's S3 (path style), which the
     * runtime routes to S3 by its credential scope. The local S3 checks no signatures.
     */
    private String presignedPut(String key) {
        String date = AMZ_DATE.format(clock.instant());
        return endpoint.get() + "/" + bucket + "/" + key.replace(":", "%3A")
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F" + date.substring(0, 8) + "%2F" + region
                + "%2Fs3%2Faws4_request&X-Amz-Date=" + date + "&X-Amz-Expires=7200&X-Amz-SignedHeaders=host&X-Amz-Signature="
                + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}
