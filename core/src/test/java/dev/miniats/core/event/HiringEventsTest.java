package dev.miniats.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiringEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void the_briefs_three_field_payload_is_valid_with_defaults() throws Exception {
        HiringEvent event = HiringEvents.parse(json("""
                {"toEmail":"ada.lovelace@example.com","fromEmail":"talent@example.com","companyName":"Criteria Corp Testing"}
                """), CLOCK);

        CandidateDetail detail = event.detail();
        assertThat(event.eventId()).isEmpty();
        assertThat(detail.toEmail().address()).isEqualTo("ada.lovelace@example.com");
        assertThat(detail.candidateId()).isEqualTo("ada.lovelace@example.com");
        assertThat(detail.candidateName()).isEqualTo("Ada Lovelace");
        assertThat(detail.assessment().dueDate()).isEqualTo(LocalDate.parse("2026-12-03"));
        assertThat(detail.interview().interviewId()).isEqualTo("interview-1");
        assertThat(detail.interview().start()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(detail.offer().respondBy()).isEqualTo(LocalDate.parse("2026-12-10"));
        assertThat(detail.partner().testingDay()).isEqualTo(LocalDate.parse("2026-12-03"));
    }

    @Test
    void a_partner_testing_day_is_read_from_detail_partner() throws Exception {
        HiringEvent event = HiringEvents.parse(json("""
                {"toEmail":"a@example.com","fromEmail":"t@example.com","companyName":"Insight Partners",
                 "partner":{"testingDay":"2026-12-09"}}
                """), CLOCK);

        assertThat(event.detail().partner().testingDay()).isEqualTo(LocalDate.parse("2026-12-09"));
    }

    @Test
    void an_eventbridge_envelope_gives_its_id_type_and_time() throws Exception {
        HiringEvent event = HiringEvents.parse(json("""
                {"version":"0","id":"e-1","detail-type":"schedule-interview","source":"mini-ats",
                 "time":"2026-01-05T08:00:00Z",
                 "detail":{"toEmail":"a@example.com","fromEmail":"t@example.com","companyName":"Acme",
                           "interview":{"interviewId":"int-7","start":"2026-01-09T14:30:00Z","durationMinutes":60,
                                        "timeZone":"Europe/Berlin","interviewers":["Grace Hopper"]}}}
                """), CLOCK);

        assertThat(event.eventId()).contains("e-1");
        assertThat(event.detailType()).contains(DetailType.SCHEDULE_INTERVIEW);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(event.detail().interview().interviewId()).isEqualTo("int-7");
        assertThat(event.detail().interview().duration().toMinutes()).isEqualTo(60);
        assertThat(event.detail().interview().interviewers()).containsExactly("Grace Hopper");
    }

    @ParameterizedTest(name = "{0} = {1} is rejected naming the field")
    @CsvSource(delimiter = '|', value = {
            "detail.toEmail      | {\"fromEmail\":\"t@example.com\",\"companyName\":\"Acme\"}",
            "detail.toEmail      | {\"toEmail\":\"not-an-address\",\"fromEmail\":\"t@example.com\",\"companyName\":\"Acme\"}",
            "detail.toEmail      | {\"toEmail\":\"Ada <a@example.com>\",\"fromEmail\":\"t@example.com\",\"companyName\":\"Acme\"}",
            "detail.fromEmail    | {\"toEmail\":\"a@example.com\",\"fromEmail\":42,\"companyName\":\"Acme\"}",
            "detail.companyName  | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\"}",
            "detail.companyName  | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"Acme\\r\\nBcc: x@evil.test\"}",
            "detail.candidateName| {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"candidateName\":\"x\\u0000y\"}",
            "detail.interview.start | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"interview\":{\"start\":\"tomorrow\"}}",
            "detail.interview.durationMinutes | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"interview\":{\"durationMinutes\":0}}",
            "detail.interview.timeZone | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"interview\":{\"timeZone\":\"Mars/Olympus\"}}",
            "detail.offer.acceptLink | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"offer\":{\"acceptLink\":\"javascript:alert(1)\"}}",
            "detail.candidateId  | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"candidateId\":\"a b\"}",
            "detail.partner.testingDay | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"partner\":{\"testingDay\":\"next week\"}}",
            "detail.partner      | {\"toEmail\":\"a@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\",\"partner\":\"2026-12-09\"}",
    })
    void invalid_fields_are_rejected_naming_field_value_and_expectation(String field, String detail) throws Exception {
        assertThatThrownBy(() -> HiringEvents.parse(json(detail), CLOCK))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field).contains("expected");
                });
    }

    @Test
    void an_address_longer_than_rfc_5321_allows_is_rejected() throws Exception {
        String local = "a".repeat(65);
        assertThatThrownBy(() -> HiringEvents.parse(json("{\"toEmail\":\"" + local + "@example.com\",\"fromEmail\":\"t@example.com\",\"companyName\":\"A\"}"), CLOCK))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("detail.toEmail");
    }

    @Test
    void a_non_object_input_is_rejected() throws Exception {
        assertThatThrownBy(() -> HiringEvents.parse(json("[1,2]"), CLOCK))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("a JSON object");
    }
}
