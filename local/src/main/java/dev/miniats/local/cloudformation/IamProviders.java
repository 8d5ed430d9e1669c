package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.iam.Iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AWS::IAM::Role (with its inline Policies and ManagedPolicyArns) and AWS::IAM::Policy, made
 * through {@link Iam} so {@code aws iam get-role} shows them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html).
 */
final class IamProviders {
    private IamProviders() {
    }

    static void register(ResourceProviders registry, Iam iam) {
        registry.register("AWS::IAM::Role", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("RoleName").asText(naming.name(64));
                Iam.RoleRef role = iam.createRole(name, p.path("Path").asText(null), document(p.get("AssumeRolePolicyDocument")),
                        p.path("Description").asText(null));
                try {
                    for (JsonNode policy : p.path("Policies")) {
                        iam.putRolePolicy(name, policy.path("PolicyName").asText(), document(policy.get("PolicyDocument")));
                    }
                    for (JsonNode arn : p.path("ManagedPolicyArns")) {
                        iam.attachRolePolicy(name, arn.asText());
                    }
                } catch (RuntimeException e) {
                    iam.deleteRoleCompletely(name); // a role half made is not left behind
                    throw e;
                }
                return new Made(name, Map.of("Arn", role.arn(), "RoleId", role.roleId()));
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                iam.deleteRoleCompletely(physicalId);
            }
        });
        registry.register("AWS::IAM::Policy", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                for (String role : roles(p)) {
                    iam.putRolePolicy(role, p.path("PolicyName").asText(), document(p.get("PolicyDocument")));
                }
                return new Made(naming.stackName() + "-" + naming.logicalId() + "-" + naming.suffix(), Map.of());
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                delete(physicalId, before);
                for (String role : roles(after)) {
                    iam.putRolePolicy(role, after.path("PolicyName").asText(), document(after.get("PolicyDocument")));
                }
                return new Made(physicalId, attributes);
            }

            @Override
            public void delete(String physicalId, JsonNode p) {
                for (String role : roles(p)) {
                    try {
                        iam.deleteRolePolicy(role, p.path("PolicyName").asText());
                    } catch (RuntimeException gone) {
                        // the role or its policy is already gone: nothing left to delete
                    }
                }
            }
        });
    }

    private static List<String> roles(JsonNode p) {
        List<String> out = new ArrayList<>();
        p.path("Roles").forEach(r -> out.add(r.asText()));
        return out;
    }

    /** A policy document as IAM takes it: templates write it as an object, sometimes as a JSON string. */
    private static String document(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
