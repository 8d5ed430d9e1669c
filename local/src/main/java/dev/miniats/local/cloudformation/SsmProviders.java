package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.ssm.ParameterStore;

import java.util.Map;

/**
 * AWS::SSM::Parameter in Parameter Store
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html):
 * Ref is the name, Fn::GetAtt answers Type and Value. A new Name replaces the parameter; any other
 * change overwrites it in place, as a new version. The CDK bootstrap stack's
 * {@code /cdk-bootstrap/<qualifier>/version} is one.
 */
final class SsmProviders {
    private SsmProviders() {
    }

    static void register(ResourceProviders registry, ParameterStore parameters) {
        registry.register("AWS::SSM::Parameter", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                // CloudFormation names an unnamed parameter CFN-<logical id>-<suffix>
                String name = p.path("Name").asText("CFN-" + naming.logicalId() + "-" + naming.suffix());
                return put(name, p, false);
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                return after.path("Name").equals(before.path("Name")) ? put(physicalId, after, true) : null;
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                if (parameters.find(physicalId).isPresent()) {
                    parameters.delete(physicalId);
                }
            }

            private Made put(String name, JsonNode p, boolean overwrite) {
                String type = p.path("Type").asText("");
                if (!type.equals("String") && !type.equals("StringList")) {
                    // SecureString cannot be made by CloudFormation on AWS either
                    throw CfnException.invalid("Property Type of AWS::SSM::Parameter " + name + " is '" + type
                            + "'; expected String or StringList");
                }
                if (!p.has("Value")) {
                    throw CfnException.invalid("Property Value of AWS::SSM::Parameter " + name + " is required");
                }
                String value = p.get("Value").asText();
                parameters.put(new ParameterStore.Put(name, type, value, p.path("Description").asText(null),
                        p.path("AllowedPattern").asText(null), p.path("DataType").asText(null), overwrite));
                return new Made(name, Map.of("Type", type, "Value", value));
            }
        });
    }
}
