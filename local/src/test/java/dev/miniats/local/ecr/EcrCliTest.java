package dev.miniats.local.ecr;

import org.junit.jupiter.api.extension.RegisterExtension;
import dev.miniats.local.iam.CliRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws ecr} repository operations against the runtime, with ECR's errors. */
class EcrCliTest {
    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();

    /** A real lifecycle policy: ECR wants at least 100 characters. */
    private static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"description\":\"expire untagged images\","
            + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":365},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    @Test
    void create_describe_set_policies_and_delete_a_repository() {
        JsonNode repo = ats.aws().ok("ecr", "create-repository", "--repository-name", "team/app", "--image-tag-mutability", "IMMUTABLE")
                .get("repository");
        assertThat(repo.get("repositoryArn").asText()).isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/team/app");
        assertThat(repo.get("repositoryUri").asText()).isEqualTo("000000000000.dkr.ecr.us-east-1.amazonaws.com/team/app");
        assertThat(repo.get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(ats.aws().fails("ecr", "create-repository", "--repository-name", "team/app")).contains("RepositoryAlreadyExistsException");

        ats.aws().ok("ecr", "put-lifecycle-policy", "--repository-name", "team/app", "--lifecycle-policy-text", LIFECYCLE);
        assertThat(ats.aws().ok("ecr", "get-lifecycle-policy", "--repository-name", "team/app").get("lifecyclePolicyText").asText())
                .isEqualTo(LIFECYCLE);
        assertThat(ats.aws().fails("ecr", "get-repository-policy", "--repository-name", "team/app")).contains("RepositoryPolicyNotFoundException");
        ats.aws().ok("ecr", "set-repository-policy", "--repository-name", "team/app", "--policy-text", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(ats.aws().ok("ecr", "get-repository-policy", "--repository-name", "team/app").get("policyText").asText()).contains("2012-10-17");
        assertThat(ats.aws().ok("ecr", "describe-repositories", "--repository-names", "team/app").get("repositories")
                .findValuesAsText("repositoryName")).containsExactly("team/app");

        ats.aws().ok("ecr", "delete-repository", "--repository-name", "team/app");
        assertThat(ats.aws().fails("ecr", "describe-repositories", "--repository-names", "team/app")).contains("RepositoryNotFoundException");
    }

    @Test
    void bad_names_and_policies_are_invalid_parameters() {
        assertThat(ats.aws().fails("ecr", "create-repository", "--repository-name", "Upper")).contains("InvalidParameterException")
                .contains("Upper");
        ats.aws().ok("ecr", "create-repository", "--repository-name", "plain");
        assertThat(ats.aws().fails("ecr", "put-lifecycle-policy", "--repository-name", "plain", "--lifecycle-policy-text", "not json ".repeat(12)))
                .contains("InvalidParameterException");
        assertThat(ats.aws().fails("ecr", "create-repository", "--repository-name", "valid-name", "--image-tag-mutability", "SOMETIMES"))
                .contains("SOMETIMES");
    }
}
