package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import dev.miniats.core.roster.RosterEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static dev.miniats.functions.Invocations.BRIEF_PAYLOAD;
import static dev.miniats.functions.Invocations.envelope;
import static dev.miniats.functions.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectionHandlersTest {
    private static final String PARTNER = """
            {"toEmail":"grace@example.com","fromEmail":"talent@insight.example","companyName":"insight partners",
             "candidateId":"cand-9","candidateName":"Grace Hopper"%s}""";

    private final RecordingMailer mailer = new RecordingMailer();
    private final FunctionEnvironment environment = Invocations.environment(mailer);

    @Test
    void a_partner_candidate_is_put_on_the_roster_of_the_given_testing_day_without_email() throws Exception {
        JsonNode result = invoke(new CollectPartnerRosterHandler(environment),
                envelope("e-42", "send-assessment", PARTNER.formatted(",\"partner\":{\"testingDay\":\"2026-12-09\"}")));

        assertThat(result.get("testingDay").asText()).isEqualTo("2026-12-09");
        assertThat(environment.stores().roster().roster("Insight Partners", LocalDate.parse("2026-12-09"))).containsExactly(
                new RosterEntry("insight partners", LocalDate.parse("2026-12-09"), "cand-9", "Grace Hopper", "e-42",
                        Instant.parse("2026-11-26T11:59:00Z")));
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void without_a_testing_day_the_roster_day_is_seven_days_after_the_event() throws Exception {
        invoke(new CollectPartnerRosterHandler(environment), envelope("e-43", "schedule-interview", PARTNER.formatted("")));

        assertThat(environment.stores().roster().roster("Insight Partners", LocalDate.parse("2026-12-03")))
                .extracting(RosterEntry::candidateName, RosterEntry::eventId).containsExactly(org.assertj.core.groups.Tuple.tuple("Grace Hopper", "e-43"));
    }

    @Test
    void the_pipeline_records_each_events_stage_once_in_order() throws Exception {
        RecordPipelineHandler handler = new RecordPipelineHandler(environment);
        invoke(handler, envelope("e-1", "send-assessment", BRIEF_PAYLOAD));
        invoke(handler, envelope("e-2", "schedule-interview", BRIEF_PAYLOAD));
        invoke(handler, envelope("e-2", "schedule-interview", BRIEF_PAYLOAD));
        invoke(handler, envelope("e-3", "reschedule-interview", BRIEF_PAYLOAD));
        invoke(handler, envelope("e-4", "cancel-interview", BRIEF_PAYLOAD));
        JsonNode last = invoke(handler, envelope("e-5", "send-offer-letter", BRIEF_PAYLOAD));

        assertThat(last.get("stage").asText()).isEqualTo("offer sent");
        assertThat(environment.stores().pipeline().history("ada.lovelace@example.com")).extracting(StageChange::stage)
                .containsExactly(Stage.ASSESSMENT_SENT, Stage.INTERVIEW_SCHEDULED, Stage.INTERVIEW_RESCHEDULED,
                        Stage.INTERVIEW_CANCELLED, Stage.OFFER_SENT);
    }

    @Test
    void every_answer_and_ending_of_the_loop_is_its_own_stage() throws Exception {
        RecordPipelineHandler handler = new RecordPipelineHandler(environment);
        String[] types = {"candidate-applied", "assessment-completed", "interview-confirmed", "interview-declined",
                "interview-reschedule-requested", "offer-accepted", "offer-declined", "reject-candidate", "candidate-withdrew"};
        for (int i = 0; i < types.length; i++) {
            invoke(handler, envelope("a-" + i, types[i], BRIEF_PAYLOAD));
        }

        assertThat(environment.stores().pipeline().history("ada.lovelace@example.com")).extracting(StageChange::stage)
                .containsExactly(Stage.APPLIED, Stage.ASSESSMENT_COMPLETED, Stage.INTERVIEW_CONFIRMED, Stage.INTERVIEW_DECLINED,
                        Stage.INTERVIEW_RESCHEDULE_REQUESTED, Stage.HIRED, Stage.OFFER_DECLINED, Stage.REJECTED, Stage.WITHDRAWN);
    }

    @Test
    void a_partner_event_is_recorded_as_the_partner_roster_stage() throws Exception {
        invoke(new RecordPipelineHandler(environment), envelope("e-7", "send-assessment", PARTNER.formatted("")));

        assertThat(environment.stores().pipeline().history("cand-9")).extracting(StageChange::stage, StageChange::eventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Stage.PARTNER_ROSTER, "e-7"));
    }

    @Test
    void an_event_of_an_unknown_detail_type_is_recorded_as_received() throws Exception {
        invoke(new RecordPipelineHandler(environment), envelope("e-8", "candidate-ghosted", BRIEF_PAYLOAD));

        assertThat(environment.stores().pipeline().history("ada.lovelace@example.com")).extracting(StageChange::stage)
                .containsExactly(Stage.RECEIVED);
    }
}
