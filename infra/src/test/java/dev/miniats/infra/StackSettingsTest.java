package dev.miniats.infra;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    @Test
    void without_context_the_bus_is_mini_ats_and_the_partner_is_insight_partners() {
        StackSettings settings = StackSettings.fromContext(Map.<String, Object>of()::get);

        assertThat(settings.busName()).isEqualTo("mini-ats");
        assertThat(settings.physicalName("pipeline")).isEqualTo("mini-ats-pipeline");
        assertThat(settings.partners()).containsExactly("Insight Partners");
    }

    @Test
    void an_environment_suffixes_the_bus_and_every_physical_name() {
        StackSettings settings = StackSettings.fromContext(Map.<String, Object>of("environment", "dev")::get);

        assertThat(settings.busName()).isEqualTo("mini-ats-dev");
        assertThat(settings.physicalName("send-assessment")).isEqualTo("mini-ats-dev-send-assessment");
        assertThat(settings.routing().busName()).isEqualTo("mini-ats-dev");
    }

    @Test
    void partners_come_as_a_comma_separated_string_from_the_command_line() {
        StackSettings settings = StackSettings.fromContext(
                Map.<String, Object>of("partners", " Insight Partners , Acme Ventures,")::get);

        assertThat(settings.partners()).containsExactly("Insight Partners", "Acme Ventures");
    }

    @Test
    void partners_come_as_a_json_array_from_cdk_json() {
        StackSettings settings = StackSettings.fromContext(
                Map.<String, Object>of("partners", List.of("Insight Partners", "Acme, Inc."))::get);

        assertThat(settings.partners()).containsExactly("Insight Partners", "Acme, Inc.");
        assertThat(settings.routing().routes()).filteredOn(route -> route.eventPattern().contains("companyName"))
                .isNotEmpty().allSatisfy(route -> assertThat(route.eventPattern()).contains("Acme, Inc."));
    }

    @Test
    void sandbox_recipients_are_optional_and_must_be_email_addresses() {
        assertThat(StackSettings.fromContext(Map.<String, Object>of()::get).sandboxRecipients()).isEmpty();
        assertThat(StackSettings.fromContext(
                Map.<String, Object>of("sandboxRecipients", "a@example.com,b@example.com")::get).sandboxRecipients())
                .containsExactly("a@example.com", "b@example.com");
        assertThatThrownBy(() -> StackSettings.fromContext(Map.<String, Object>of("sandboxRecipients", "example.com")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'example.com' is not an email address");
    }

    @Test
    void an_environment_name_that_cannot_be_part_of_a_function_name_is_refused() {
        assertThatThrownBy(() -> StackSettings.fromContext(Map.<String, Object>of("environment", "Prod Env")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Prod Env'")
                .hasMessageContaining("lowercase letters, digits or hyphens");
    }

    @Test
    void an_empty_partner_list_is_refused() {
        assertThatThrownBy(() -> StackSettings.fromContext(Map.<String, Object>of("partners", " , ")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void a_cdk_deployment_without_a_sender_identity_says_which_context_key_to_pass() {
        assertThatThrownBy(() -> new Deployment.CdkAsset(" ", Path.of("functions-lambda.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-c senderIdentity=");
    }
}
