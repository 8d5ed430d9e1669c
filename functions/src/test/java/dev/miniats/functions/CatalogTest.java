package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.core.routing.Route;
import dev.miniats.core.routing.RoutingDeclaration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static dev.miniats.functions.Invocations.BRIEF_PAYLOAD;
import static dev.miniats.functions.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogTest {
    @ParameterizedTest(name = "{0} accepts the brief's bare three-field payload")
    @EnumSource(HiringFunction.class)
    void every_function_accepts_the_briefs_bare_three_field_payload(HiringFunction function) throws Exception {
        RecordingMailer mailer = new RecordingMailer();
        HiringHandler handler = (HiringHandler) function.create(Invocations.environment(mailer));

        JsonNode result = invoke(handler, BRIEF_PAYLOAD);

        assertThat(result.get("candidateId").asText()).isEqualTo("ada.lovelace@example.com");
    }

    @Test
    void every_route_targets_a_function_of_the_catalog_and_every_function_but_the_scheduled_one_has_a_route() {
        RoutingDeclaration routing = RoutingDeclaration.defaults();
        assertThat(routing.routes()).allSatisfy(route -> assertThat(HiringFunction.named(route.functionName())).isPresent());
        assertThat(HiringFunction.values()).filteredOn(function -> !function.scheduled()).allSatisfy(function ->
                assertThat(routing.routes()).extracting(Route::functionName).contains(function.functionName()));
        // the Scheduler runs the reminder function; a rule sending it events would remind at the wrong time
        assertThat(routing.routes()).extracting(Route::functionName).doesNotContain(HiringFunction.SEND_INTERVIEW_REMINDER.functionName());
        assertThat(HiringFunction.RECORD_PIPELINE.handler()).isEqualTo("dev.miniats.functions.RecordPipelineHandler::handleRequest");
    }

    @Test
    void the_local_runtime_can_build_an_environment_with_or_without_its_own_stores() {
        URI ses = URI.create("http://127.0.0.1:4566");
        FunctionStores stores = FunctionStores.inMemory();

        FunctionEnvironment throwaway = FunctionEnvironment.local(ses, Invocations.CLOCK, EmailTemplates.builtIn());
        FunctionEnvironment durable = FunctionEnvironment.local(ses, Invocations.CLOCK, EmailTemplates.builtIn(), stores);

        assertThat(throwaway.stores()).isNotNull();
        assertThat(durable.stores()).isSameAs(stores);
        assertThat(durable.withStores(throwaway.stores()).stores()).isSameAs(throwaway.stores());
        assertThat(durable.partners()).isEqualTo(RoutingDeclaration.DEFAULT_PARTNERS);
    }

    @Test
    void lambda_configuration_names_the_missing_table_variable() {
        assertThatThrownBy(() -> FunctionEnvironment.fromVariables(Map.of("AWS_REGION", "us-east-1",
                FunctionEnvironment.IDEMPOTENCY_TABLE, "idem", FunctionEnvironment.PIPELINE_TABLE, "pipe")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MINI_ATS_ROSTER_TABLE");
    }

    @Test
    void lambda_configuration_reads_partners_and_idempotency_expiry() {
        FunctionEnvironment environment = FunctionEnvironment.fromVariables(Map.of("AWS_REGION", "us-east-1",
                FunctionEnvironment.IDEMPOTENCY_TABLE, "idem", FunctionEnvironment.PIPELINE_TABLE, "pipe",
                FunctionEnvironment.ROSTER_TABLE, "roster", FunctionEnvironment.PARTNERS, "Insight Partners, Acme Ventures",
                FunctionEnvironment.IDEMPOTENCY_EXPIRY_SECONDS, "3600"));

        assertThat(environment.partners()).containsExactly("Insight Partners", "Acme Ventures");
        assertThat(environment.isPartner("ACME VENTURES")).isTrue();
        assertThat(environment.idempotency().expiry()).hasHours(1);
    }
}
