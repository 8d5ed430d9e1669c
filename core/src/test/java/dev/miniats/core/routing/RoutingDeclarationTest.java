package dev.miniats.core.routing;

import dev.miniats.core.event.DetailType;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingDeclarationTest {
    private final RoutingDeclaration routing = RoutingDeclaration.defaults();

    private List<String> matches(String detailType, String detail) throws Exception {
        Machine machine = new Machine();
        for (Route route : routing.routes()) {
            machine.addRule(route.ruleName(), route.eventPattern());
        }
        String event = "{\"version\":\"0\",\"id\":\"1\",\"source\":\"mini-ats\",\"detail-type\":\"" + detailType
                + "\",\"account\":\"000000000000\",\"time\":\"2026-11-26T12:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + detail + "}";
        return machine.rulesForJSONEvent(event);
    }

    @Test
    void every_email_detail_type_has_one_rule_on_the_mini_ats_bus_plus_roster_and_pipeline() {
        assertThat(routing.busName()).isEqualTo("mini-ats");
        assertThat(routing.routes()).extracting(Route::ruleName)
                .containsExactly("send-assessment", "schedule-interview", "reschedule-interview", "cancel-interview",
                        "send-offer-letter", "reject-candidate", "collect-partner-roster", "record-pipeline");
        assertThat(routing.routes()).allSatisfy(r -> assertThat(r.functionName()).isEqualTo(r.ruleName()));
        assertThat(routing.routes()).allSatisfy(r -> assertThat(r.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT));
    }

    @Test
    void a_regular_company_event_reaches_only_its_own_function_and_the_pipeline() throws Exception {
        for (DetailType type : hiringTeamTypes()) {
            assertThat(matches(type.wireName(), "{\"companyName\":\"Criteria Corp Testing\"}"))
                    .containsExactlyInAnyOrder(type.wireName(), "record-pipeline");
        }
    }

    @Test
    void a_partner_event_reaches_only_the_roster_and_the_pipeline_whatever_the_case() throws Exception {
        for (DetailType type : RoutingDeclaration.PARTNER_ROSTER_TYPES) {
            assertThat(matches(type.wireName(), "{\"companyName\":\"Insight Partners\"}"))
                    .containsExactlyInAnyOrder("collect-partner-roster", "record-pipeline");
        }
        assertThat(matches("schedule-interview", "{\"companyName\":\"insight partners\"}"))
                .containsExactlyInAnyOrder("collect-partner-roster", "record-pipeline");
    }

    @Test
    void a_candidates_answer_reaches_only_the_pipeline_whoever_the_company() throws Exception {
        for (DetailType type : DetailType.values()) {
            if (type.fromHiringTeam()) {
                continue;
            }
            assertThat(matches(type.wireName(), "{\"companyName\":\"Criteria Corp Testing\"}")).containsExactly("record-pipeline");
            assertThat(matches(type.wireName(), "{\"companyName\":\"Insight Partners\"}")).containsExactly("record-pipeline");
        }
    }

    @Test
    void a_partner_candidates_rejection_is_only_recorded_not_mailed() throws Exception {
        assertThat(matches("reject-candidate", "{\"companyName\":\"Insight Partners\"}")).containsExactly("record-pipeline");
    }

    private static List<DetailType> hiringTeamTypes() {
        return java.util.Arrays.stream(DetailType.values()).filter(DetailType::fromHiringTeam).toList();
    }

    @Test
    void a_company_that_only_contains_a_partners_name_is_no_partner() throws Exception {
        assertThat(matches("send-assessment", "{\"companyName\":\"Insight Partners Fan Club\"}"))
                .containsExactlyInAnyOrder("send-assessment", "record-pipeline");
    }

    @Test
    void an_event_without_company_still_reaches_the_function_which_rejects_it_loudly() throws Exception {
        assertThat(matches("send-assessment", "{\"toEmail\":\"a@example.com\"}")).containsExactlyInAnyOrder("send-assessment", "record-pipeline");
    }

    @Test
    void an_unknown_detail_type_reaches_only_the_pipeline() throws Exception {
        assertThat(matches("candidate-ghosted", "{\"companyName\":\"Acme\"}")).containsExactly("record-pipeline");
    }

    @Test
    void an_invalid_pattern_is_refused_with_event_rulers_reason() {
        assertThat(EventPatterns.problemWith("{\"source\":\"mini-ats\"}")).isNotNull();
        assertThat(EventPatterns.problemWith("{\"source\":[\"mini-ats\"]}")).isNull();
        assertThatThrownBy(() -> new Route("r", "d", "{\"source\":[{\"prefix\":1}]}", "f", RetryPolicy.DEFAULT, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid event pattern");
    }

    @Test
    void retry_policy_bounds_are_eventbridges() {
        assertThatThrownBy(() -> new RetryPolicy(186, 3600)).hasMessageContaining("MaximumRetryAttempts is 186; expected 0 to 185");
        assertThatThrownBy(() -> new RetryPolicy(3, 59)).hasMessageContaining("MaximumEventAgeInSeconds is 59; expected 60 to 86400");
    }
}
