package dev.miniats.local.ecr;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.JsonRouter;

import java.util.List;
import java.util.Map;

/**
 * Amazon ECR's repository operations over JSON 1.1, target prefix
 * {@code AmazonEC2ContainerRegistry_V20150921.} (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/):
 * CreateRepository, DescribeRepositories, DeleteRepository, Put/GetLifecyclePolicy and
 * Set/GetRepositoryPolicy — what the CDK bootstrap stack's container-assets repository needs.
 * There is no image registry behind them. Thread-safe.
 */
public final class Ecr implements AwsService {
    private final Repositories repositories;

    public Ecr(Repositories repositories) {
        this.repositories = repositories;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ScanningConfiguration(Boolean scanOnPush) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CreateRepositoryRequest(String repositoryName, String imageTagMutability, ScanningConfiguration imageScanningConfiguration) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record RepositoryAnswer(String repositoryArn, String registryId, String repositoryName, String repositoryUri, double createdAt,
                            String imageTagMutability, ScanningConfiguration imageScanningConfiguration,
                            Map<String, String> encryptionConfiguration) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record RepositoryResponse(RepositoryAnswer repository) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DescribeRepositoriesRequest(List<String> repositoryNames) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DescribeRepositoriesResponse(List<RepositoryAnswer> repositories) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record NameRequest(String repositoryName, Boolean force) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LifecyclePolicyRequest(String repositoryName, String lifecyclePolicyText) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LifecyclePolicyResponse(String registryId, String repositoryName, String lifecyclePolicyText) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record RepositoryPolicyRequest(String repositoryName, String policyText) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record RepositoryPolicyResponse(String registryId, String repositoryName, String policyText) {
    }

    @Override
    public void register(AwsRoutes routes) {
        JsonRouter r = new JsonRouter("ecr", "AmazonEC2ContainerRegistry_V20150921.");
        r.on("CreateRepository", CreateRepositoryRequest.class, (q, call) -> new RepositoryResponse(answer(repositories.create(
                q.repositoryName(), q.imageTagMutability(),
                q.imageScanningConfiguration() != null && Boolean.TRUE.equals(q.imageScanningConfiguration().scanOnPush())))));
        r.on("DescribeRepositories", DescribeRepositoriesRequest.class, (q, call) -> new DescribeRepositoriesResponse(
                (q.repositoryNames() == null ? repositories.all() : q.repositoryNames().stream().map(repositories::require).toList())
                        .stream().map(this::answer).toList()));
        r.on("DeleteRepository", NameRequest.class, (q, call) -> new RepositoryResponse(answer(repositories.delete(q.repositoryName()))));
        r.on("PutLifecyclePolicy", LifecyclePolicyRequest.class, (q, call) -> {
            Repository repo = repositories.putLifecyclePolicy(q.repositoryName(), required(q.lifecyclePolicyText(), "lifecyclePolicyText"));
            return new LifecyclePolicyResponse(repo.registryId(), repo.name(), repo.lifecyclePolicy());
        });
        r.on("GetLifecyclePolicy", NameRequest.class, (q, call) -> {
            Repository repo = repositories.require(q.repositoryName());
            if (repo.lifecyclePolicy() == null) {
                throw EcrException.noLifecyclePolicy(repo.name(), repo.registryId());
            }
            return new LifecyclePolicyResponse(repo.registryId(), repo.name(), repo.lifecyclePolicy());
        });
        r.on("SetRepositoryPolicy", RepositoryPolicyRequest.class, (q, call) -> {
            Repository repo = repositories.setRepositoryPolicy(q.repositoryName(), required(q.policyText(), "policyText"));
            return new RepositoryPolicyResponse(repo.registryId(), repo.name(), repo.repositoryPolicy());
        });
        r.on("GetRepositoryPolicy", NameRequest.class, (q, call) -> {
            Repository repo = repositories.require(q.repositoryName());
            if (repo.repositoryPolicy() == null) {
                throw EcrException.noRepositoryPolicy(repo.name(), repo.registryId());
            }
            return new RepositoryPolicyResponse(repo.registryId(), repo.name(), repo.repositoryPolicy());
        });
        routes.json(r);
    }

    private RepositoryAnswer answer(Repository r) {
        return new RepositoryAnswer(repositories.arn(r.name()), r.registryId(), r.name(), repositories.uri(r.name()), r.createdAt() / 1000.0,
                r.tagMutability(), new ScanningConfiguration(r.scanOnPush()), Map.of("encryptionType", "AES256"));
    }

    private static String required(String value, String member) {
        if (value == null) {
            throw EcrException.invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must not be null'");
        }
        return value;
    }
}
