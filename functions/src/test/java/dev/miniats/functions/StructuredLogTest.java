package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.core.event.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.miniats.functions.Invocations.BRIEF_PAYLOAD;
import static dev.miniats.functions.Invocations.JSON;
import static dev.miniats.functions.Invocations.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handlers' structured log lines, as CloudWatch (or the local runtime) receives them through the context's logger. */
class StructuredLogTest {
    private final RecordingMailer mailer = new RecordingMailer();
    private final FunctionEnvironment environment = Invocations.environment(mailer);

    @Test
    void an_email_function_logs_the_event_received_and_the_mail_sent_with_ids_only() throws Exception {
        LoggingContext context = new LoggingContext("send-assessment", "req-1");
        invoke(new SendAssessmentHandler(environment), envelope("e-1", "send-assessment", BRIEF_PAYLOAD), context);

        List<JsonNode> lines = context.json();
        assertThat(lines).extracting(l -> l.get("message").asText()).containsExactly("event received", "mail sent");
        for (JsonNode line : lines) {
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("function").asText()).isEqualTo("send-assessment");
            assertThat(line.get("requestId").asText()).isEqualTo("req-1");
            assertThat(line.get("xrayTraceId").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
            assertThat(line.get("candidateId").asText()).isEqualTo("ada.lovelace@example.com");
            assertThat(line.get("eventId").asText()).isEqualTo("e-1");
            assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-26T12:00:00Z");
        }
        assertThat(lines.get(0).get("detailType").asText()).isEqualTo("send-assessment");
        assertThat(lines.get(1).get("messageId").asText()).isNotBlank();
        assertThat(String.join("\n", context.lines)).as("no personal data beyond the candidate id")
                .doesNotContain("Ada Lovelace").doesNotContain("talent@example.com");
    }

    @Test
    void a_duplicate_event_logs_that_the_idempotent_replay_was_skipped() throws Exception {
        SendAssessmentHandler handler = new SendAssessmentHandler(environment);
        invoke(handler, envelope("e-1", "send-assessment", BRIEF_PAYLOAD), new LoggingContext("send-assessment", "req-1"));
        LoggingContext again = new LoggingContext("send-assessment", "req-2");
        invoke(handler, envelope("e-2", "send-assessment", BRIEF_PAYLOAD), again);

        assertThat(again.json()).extracting(l -> l.get("message").asText()).containsExactly("event received", "idempotent replay skipped");
        assertThat(again.json().get(1).get("idempotencyKey").asText()).isNotBlank();
    }

    @Test
    void the_roster_function_logs_the_entry_it_recorded() throws Exception {
        LoggingContext context = new LoggingContext("collect-partner-roster", "req-3");
        invoke(new CollectPartnerRosterHandler(environment), envelope("e-9", "send-assessment", """
                {"toEmail":"grace@example.com","fromEmail":"talent@insight.example","companyName":"insight partners",
                 "candidateId":"cand-9","partner":{"testingDay":"2026-12-09"}}"""), context);

        JsonNode recorded = context.json().get(1);
        assertThat(recorded.get("message").asText()).isEqualTo("roster entry recorded");
        assertThat(recorded.get("candidateId").asText()).isEqualTo("cand-9");
        assertThat(recorded.get("testingDay").asText()).isEqualTo("2026-12-09");
    }

    @Test
    void a_failure_is_logged_at_error_with_its_type_and_message_and_still_thrown() {
        LoggingContext context = new LoggingContext("send-assessment", "req-4");
        assertThatThrownBy(() -> invoke(new SendAssessmentHandler(environment),
                envelope("e-5", "send-assessment", "{\"fromEmail\":\"talent@example.com\",\"companyName\":\"Acme\"}"), context))
                .isInstanceOf(InvalidEventException.class);

        JsonNode error = context.json().get(context.json().size() - 1);
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("errorType").asText()).isEqualTo("InvalidEventException");
        assertThat(error.get("errorMessage").asText()).contains("detail.toEmail");
        assertThat(error.get("requestId").asText()).isEqualTo("req-4");
    }

    @Test
    void without_a_context_nothing_is_logged_and_the_handler_still_works() throws Exception {
        JsonNode result = Invocations.invoke(new SendAssessmentHandler(environment), envelope("e-1", "send-assessment", BRIEF_PAYLOAD));
        assertThat(result.get("messageId").asText()).isNotBlank();
    }

    private static void invoke(HiringHandler handler, String input, Context context) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), context);
    }
}
