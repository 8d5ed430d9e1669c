package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.ecr.Repositories;
import dev.miniats.local.ecr.Repository;

import java.util.Locale;
import java.util.Map;

/**
 * AWS::ECR::Repository in the local ECR
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecr-repository.html):
 * Ref is the name, Fn::GetAtt answers Arn and RepositoryUri. The CDK bootstrap stack declares one
 * for container assets. A new name or tag mutability replaces it; policies change in place.
 */
final class EcrProviders {
    private EcrProviders() {
    }

    static void register(ResourceProviders registry, Repositories repositories) {
        registry.register("AWS::ECR::Repository", new ResourceProvider() {
            @Override
            public Made create(Naming naming, JsonNode p) {
                String name = p.path("RepositoryName").asText(naming.name(256).toLowerCase(Locale.ROOT));
                repositories.create(name, p.path("ImageTagMutability").asText(null),
                        p.path("ImageScanningConfiguration").path("ScanOnPush").asBoolean(false));
                try {
                    return policies(name, p);
                } catch (RuntimeException e) {
                    repositories.delete(name); // a failed create leaves nothing behind, as on AWS
                    throw e;
                }
            }

            @Override
            public Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
                boolean sameName = after.path("RepositoryName").equals(before.path("RepositoryName"));
                boolean sameMutability = after.path("ImageTagMutability").equals(before.path("ImageTagMutability"));
                return sameName && sameMutability ? policies(physicalId, after) : null;
            }

            @Override
            public void delete(String physicalId, JsonNode properties) {
                if (repositories.all().stream().anyMatch(r -> r.name().equals(physicalId))) {
                    repositories.delete(physicalId);
                }
            }

            private Made policies(String name, JsonNode p) {
                repositories.putLifecyclePolicy(name, text(p.path("LifecyclePolicy").get("LifecyclePolicyText")));
                Repository repo = repositories.setRepositoryPolicy(name, text(p.get("RepositoryPolicyText")));
                return new Made(repo.name(), Map.of("Arn", repositories.arn(repo.name()), "RepositoryUri", repositories.uri(repo.name())));
            }

            /** A policy given as JSON text or (as templates usually do) as an object. */
            private String text(JsonNode policy) {
                return policy == null || policy.isNull() ? null : policy.isTextual() ? policy.asText() : policy.toString();
            }
        });
    }
}
