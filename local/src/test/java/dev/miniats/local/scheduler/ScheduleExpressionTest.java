package dev.miniats.local.scheduler;

import dev.miniats.local.aws.AwsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleExpressionTest {
    private static final Instant ANCHOR = Instant.parse("2026-12-01T00:00:00Z");

    @ParameterizedTest(name = "{0} in {1} after {2} fires at {3}")
    @CsvSource(delimiter = '|', textBlock = """
            at(2026-12-24T09:00:00)      | UTC              | 2026-12-03T12:00:00Z | 2026-12-24T09:00:00Z
            at(2026-12-24T09:00:00)      | Europe/Berlin    | 2026-12-03T12:00:00Z | 2026-12-24T08:00:00Z
            at(2026-12-24T09:00:00)      | UTC              | 2026-12-24T09:00:00Z | never
            rate(5 minutes)              | UTC              | 2026-12-01T00:07:00Z | 2026-12-01T00:10:00Z
            rate(1 hour)                 | UTC              | 2026-11-30T00:00:00Z | 2026-12-01T01:00:00Z
            rate(2 days)                 | UTC              | 2026-12-02T00:00:00Z | 2026-12-03T00:00:00Z
            cron(0 10 ? * MON-FRI *)     | Europe/Berlin    | 2026-12-04T10:00:00Z | 2026-12-07T09:00:00Z
            cron(15 12 * * ? *)          | UTC              | 2026-12-03T12:15:00Z | 2026-12-04T12:15:00Z
            cron(0 9 L * ? *)            | America/New_York | 2026-12-03T00:00:00Z | 2026-12-31T14:00:00Z
            cron(0 8 ? * 2#1 *)          | UTC              | 2026-12-08T00:00:00Z | 2027-01-04T08:00:00Z
            cron(0 0 1 1 ? 2026)         | UTC              | 2026-12-03T00:00:00Z | never
            """)
    void expressions_fire_when_eventbridge_scheduler_documents(String expression, String zone, String after, String expected) {
        var next = ScheduleExpression.parse(expression).next(Instant.parse(after), ANCHOR, ZoneId.of(zone));
        assertThat(next.map(Instant::toString).orElse("never")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "at(2026-13-01T00:00:00)", "at(2026-12-01 10:00)", "rate(0 minutes)", "rate(5 weeks)",
            "cron(0 10 * * *)", "cron(0 10 * * MON *)", "cron(61 10 ? * * *)", "every day", "cron()"})
    void malformed_expressions_are_validation_errors_that_quote_them(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("ValidationException"))
                .hasMessageContaining(expression.isEmpty() ? "required" : expression);
    }
}
