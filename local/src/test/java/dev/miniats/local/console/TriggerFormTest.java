package dev.miniats.local.console;

import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.InvalidEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerFormTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} is shown next to {1}")
    @CsvSource({
            "detail.toEmail,                  toEmail",
            "detail.interview.start,          interview.start",
            "detail.interview.interviewers[3], interview.interviewers",
            "detail,                          ''",
    })
    void an_error_is_shown_next_to_the_input_it_names(String field, String input) {
        assertThat(TriggerForm.inputFor(field)).isEqualTo(input);
    }

    @Test
    void blank_inputs_are_left_out_so_the_contract_defaults_apply() {
        Map<String, String> params = Map.of("toEmail", "grace@example.com", "fromEmail", "talent@example.com",
                "companyName", "Acme", "interview.start", " ", "interview.durationMinutes", "30",
                "interview.interviewers", "Ada, Linus ,");
        TriggerForm form = TriggerForm.of(DetailType.SCHEDULE_INTERVIEW, params::get);

        assertThat(form.detail().toString()).isEqualTo("{\"toEmail\":\"grace@example.com\",\"fromEmail\":\"talent@example.com\","
                + "\"companyName\":\"Acme\",\"interview\":{\"durationMinutes\":30,\"interviewers\":[\"Ada\",\"Linus\"]}}");
        assertThat(form.problem(CLOCK)).isEmpty();
    }

    @Test
    void a_duration_out_of_range_is_reported_on_its_input() {
        Map<String, String> params = Map.of("toEmail", "grace@example.com", "fromEmail", "talent@example.com",
                "companyName", "Acme", "interview.durationMinutes", "1000");
        TriggerForm form = TriggerForm.of(DetailType.SCHEDULE_INTERVIEW, params::get);
        InvalidEventException problem = form.problem(CLOCK).orElseThrow();

        assertThat(form.fields(problem)).filteredOn(f -> f.error() != null).singleElement()
                .satisfies(f -> assertThat(f.name()).isEqualTo("interview.durationMinutes"));
    }
}
