package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.functions.HiringFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StandaloneTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String fresh;
    private static JsonNode template;

    @BeforeAll
    static void synthesize() throws Exception {
        fresh = StandaloneTemplate.synthesize();
        template = JSON.readTree(fresh);
    }

    @Test
    void the_committed_template_is_what_the_stack_synthesizes_today() throws Exception {
        Path committed = Path.of(System.getProperty("mini-ats.template", "cloudformation/mini-ats.json"));

        List<String> was = Files.readAllLines(committed);
        List<String> now = fresh.lines().toList();
        int firstDifference = 0;
        while (firstDifference < Math.min(was.size(), now.size()) && was.get(firstDifference).equals(now.get(firstDifference))) {
            firstDifference++;
        }

        // Compared line by line so a failure names the first changed line instead of printing two whole templates.
        assertThat(firstDifference == was.size() && was.size() == now.size())
                .as("%s is stale from line %d (committed: %s, synthesized: %s). Regenerate it from the repository root with:%n"
                        + "  mvn -q -pl core,functions,infra -am package -DskipTests && "
                        + "java -cp \"infra/target/classes:$(cat infra/target/cdk.classpath)\" dev.miniats.infra.WriteTemplate%n"
                        + "and commit the result.", committed, firstDifference + 1,
                        lineOrEnd(was, firstDifference), lineOrEnd(now, firstDifference))
                .isTrue();
    }

    private static String lineOrEnd(List<String> lines, int index) {
        return index < lines.size() ? "'" + lines.get(index).strip() + "'" : "end of file";
    }

    @Test
    void the_code_and_the_sender_are_parameters_chosen_at_deploy_time() {
        JsonNode parameters = template.get("Parameters");

        assertThat(parameters.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("CodeS3Bucket", "CodeS3Key", "SenderIdentity", MiniAtsStack.LINK_SECRET_PARAMETER,
                        MiniAtsStack.ORGANIZER_PARAMETER);
        template.get("Resources").forEach(resource -> {
            if (resource.get("Type").asText().equals("AWS::Lambda::Function")) {
                assertThat(resource.at("/Properties/Code/S3Bucket/Ref").asText()).isEqualTo("CodeS3Bucket");
                assertThat(resource.at("/Properties/Code/S3Key/Ref").asText()).isEqualTo("CodeS3Key");
            }
            if (resource.get("Type").asText().equals("AWS::SES::EmailIdentity")) {
                assertThat(resource.at("/Properties/EmailIdentity/Ref").asText()).isEqualTo("SenderIdentity");
            }
        });
    }

    @Test
    void a_new_code_key_publishes_a_new_version_because_the_key_is_in_its_description() {
        int versions = 0;
        for (JsonNode resource : template.get("Resources")) {
            if (resource.get("Type").asText().equals("AWS::Lambda::Version")) {
                versions++;
                assertThat(resource.at("/Properties/Description").toString()).contains("\"Ref\":\"CodeS3Key\"");
            }
        }
        assertThat(versions).isEqualTo(HiringFunction.values().length + 2); // and candidate-pages, calendar-reply
    }

    @Test
    void nothing_in_the_template_needs_the_cdk_toolkit() {
        assertThat(fresh)
                .doesNotContain("BootstrapVersion")
                .doesNotContain("cdk-hnb659fds")
                .doesNotContain("AWS::CDK::Metadata")
                .doesNotContain("aws:cdk:path")
                .doesNotContain("aws:asset:");
        assertThat(template.has("Rules")).isFalse();
        // The toolkit's conditions (CDKMetadataAvailable) are gone; the stack's own one picks the calendar replies' recipient.
        assertThat(template.path("Conditions").fieldNames()).toIterable().containsExactly("OrganizerIsSender");
    }
}
