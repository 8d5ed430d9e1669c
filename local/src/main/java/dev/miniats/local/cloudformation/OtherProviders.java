package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.ses.Identities;

import java.util.Map;

/**
 * The small types: AWS::SES::EmailIdentity (an SES identity), AWS::Logs::LogGroup and
 * AWS::CDK::Metadata.
 */
final class OtherProviders {
    private OtherProviders() {
    }

    static void register(ResourceProviders registry, Identities identities, Arns arns) {
        registry.register("AWS::SES::EmailIdentity", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("EmailIdentity").asText();
                identities.create(name);
                return new Made(name, Map.of());
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                identities.delete(physicalId);
            }
        });
        // Locally a function's logs are its invocations, which CloudWatch Logs' API already serves under
        // /aws/lambda/<name>; a declared log group is recorded in its stack (name and ARN) and has
        // nothing else to hold: RetentionInDays has nothing to expire.
        registry.register("AWS::Logs::LogGroup", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("LogGroupName").asText(naming.name(512));
                return new Made(name, Map.of("Arn", arns.logGroup(name)));
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                return after.path("LogGroupName").equals(before.path("LogGroupName")) ? new Made(physicalId, attributes) : null;
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                // nothing was made outside the stack's record
            }
        });
        // CDK's analytics record (https://docs.aws.amazon.com/cdk/v2/guide/cli.html#version-reporting):
        // on AWS it reports the CDK version to AWS and makes nothing; locally there is no one to report to.
        registry.register("AWS::CDK::Metadata", (ResourceProvider.RecordOnly) (naming, p) -> new ResourceProvider.Made(naming.name(128), Map.of()));
    }
}
