package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.miniats.infra.Synthesized.resources;
import static dev.miniats.infra.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

/** The resources every function and rule shares: bus, archive, tables, sender identity, outputs. */
class SharedResourcesTest {

    @Test
    void the_bus_is_named_after_the_environment_and_archived_for_thirty_days() {
        Map<String, JsonNode> buses = resources("AWS::Events::EventBus");
        JsonNode archive = only(resources("AWS::Events::Archive")).get("Properties");

        assertThat(buses).hasSize(1);
        assertThat(only(buses).at("/Properties/Name").asText()).isEqualTo("mini-ats-test");
        assertThat(target(archive.get("SourceArn"))).isEqualTo(buses.keySet().iterator().next());
        assertThat(archive.get("RetentionDays").asInt()).isEqualTo(30);
        assertThat(archive.has("EventPattern")).as("the archive keeps every event, not a filtered subset").isFalse();
    }

    @Test
    void the_idempotency_table_is_on_demand_with_records_expiring_through_ttl() {
        Synthesized.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "mini-ats-test-idempotency",
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiration", "Enabled", true)));
    }

    @Test
    void pipeline_and_roster_tables_are_on_demand_with_their_sort_keys() {
        Synthesized.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "mini-ats-test-pipeline",
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(
                        Map.of("AttributeName", "candidateId", "KeyType", "HASH"),
                        Map.of("AttributeName", "eventId", "KeyType", "RANGE"))));
        Synthesized.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "mini-ats-test-roster",
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(
                        Map.of("AttributeName", "rosterId", "KeyType", "HASH"),
                        Map.of("AttributeName", "candidateId", "KeyType", "RANGE"))));
        Synthesized.template().resourceCountIs("AWS::DynamoDB::Table", 4); // and the candidate pages' (CandidatePagesTest)
    }

    @Test
    void the_sender_and_each_sandbox_recipient_become_ses_email_identities() {
        List<String> identities = resources("AWS::SES::EmailIdentity").values().stream()
                .map(identity -> identity.at("/Properties/EmailIdentity").asText())
                .toList();

        assertThat(identities).containsExactlyInAnyOrder(Synthesized.SENDER, "candidate@example.com");
    }

    @Test
    void outputs_name_the_bus_and_every_table() {
        JsonNode outputs = Synthesized.json().get("Outputs");
        Map<String, JsonNode> tables = resources("AWS::DynamoDB::Table");

        assertThat(target(outputs.at("/BusName/Value"))).isEqualTo(resources("AWS::Events::EventBus").keySet().iterator().next());
        assertThat(outputs.at("/BusArn/Value/Fn::GetAtt/1").asText()).isEqualTo("Arn");
        assertThat(List.of("IdempotencyTableName", "PipelineTableName", "RosterTableName", "CandidatePagesTableName"))
                .map(id -> target(outputs.at("/" + id + "/Value")))
                .containsExactlyInAnyOrderElementsOf(tables.keySet());
    }

    private static JsonNode only(Map<String, JsonNode> resources) {
        assertThat(resources).hasSize(1);
        return resources.values().iterator().next();
    }
}
