package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.s3.S3;

import java.util.Map;

/**
 * AWS::S3::BucketPolicy
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html).
 * s3proxy, the runtime's S3, answers PutBucketPolicy with NotImplemented and enforces no policy,
 * so the policy is checked (the bucket exists; the document is an object with Statements) and
 * kept in the stack's record, where DescribeStackResource and GetTemplate show it. Ref is the
 * bucket name, as on AWS.
 */
final class S3PolicyProviders {
    private S3PolicyProviders() {
    }

    static void register(ResourceProviders registry, S3 s3) {
        registry.register("AWS::S3::BucketPolicy", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String bucket = p.path("Bucket").asText("");
                if (bucket.isEmpty()) {
                    throw CfnException.invalid("Property Bucket of AWS::S3::BucketPolicy " + naming.logicalId() + " is required");
                }
                JsonNode document = p.path("PolicyDocument");
                if (!document.isObject() || !document.path("Statement").isArray() || document.path("Statement").isEmpty()) {
                    throw CfnException.invalid("Property PolicyDocument of AWS::S3::BucketPolicy " + naming.logicalId()
                            + " must be a policy object with at least one Statement, was " + document);
                }
                s3.requireBucket(bucket);
                return new Made(bucket, Map.of());
            }

            @Override
            public Made update(Naming naming, String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                return after.path("Bucket").equals(before.path("Bucket")) ? create(naming, after) : null;
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                // the policy lived only in the stack's record
            }
        });
    }
}
