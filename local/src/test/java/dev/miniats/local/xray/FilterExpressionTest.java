package dev.miniats.local.xray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** X-Ray filter expressions over one trace: an API entry segment (HTTP 502, fault) calling a function that calls SES (throttled). */
class FilterExpressionTest {
    private static final SegmentDocument SES = new SegmentDocument(null, "3333333333333333", null, "SES", 10.2, 10.3, null, null, null,
            "aws", true, null, true, null, Map.of("operation", "SendEmail"), null, null, null, null, null, null, null);
    private static final SegmentDocument FUNCTION = new SegmentDocument("1-5759e988-bd862e3fe1be46a994272793", "2222222222222222",
            "1111111111111111", "send-assessment", 10.1, 10.4, null, null, "AWS::Lambda::Function", null, null, null, null, null, null,
            Map.of("candidate", "ada", "attempt", 2, "retried", true), null, null, null, null, null, List.of(SES));
    private static final SegmentDocument API = new SegmentDocument("1-5759e988-bd862e3fe1be46a994272793", "1111111111111111", null,
            "hiring-api", 10.0, 11.5, null, null, null, null, null, true, null,
            Map.of("request", Map.of("method", "POST", "url", "https://api.example.com/candidates"), "response", Map.of("status", 502)),
            null, null, null, null, null, null, null, null);
    private static final TraceFacts TRACE = TraceFacts.of("1-5759e988-bd862e3fe1be46a994272793", List.of(API, FUNCTION), API, 1.5);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            "fault ; true", "error ; true", "throttle ; true", "ok ; false", "partial ; false", "NOT ok ; true",
            "responsetime > 1 ; true", "responsetime >= 1.5 ; true", "responsetime < 1 ; false", "duration = 1.5 ; true",
            "http.status = 502 ; true", "http.status >= 500 AND http.status < 600 ; true", "http.status = 200 ; false",
            "http.url CONTAINS \"/candidates\" ; true", "http.url BEGINSWITH \"https://api\" ; true", "http.method = \"GET\" ; false",
            "annotation.candidate = \"ada\" ; true", "annotation[candidate] != \"bob\" ; true", "annotation.attempt > 1 ; true",
            "annotation.retried = true ; true", "annotation.missing = \"x\" ; false", "annotation.candidate ; true",
            "service(\"send-assessment\") ; true", "service(\"other\") ; false", "service() ; true",
            "service(\"SES\") { throttle } ; true", "service(\"send-assessment\") { fault } ; false",
            "id(name: \"SES\", type: \"AWS::SES\") ; true", "id(name: \"SES\", type: \"AWS::S3\") ; false",
            "fault && !service(\"other\") ; true", "(ok OR error) and http.status = 502 ; true", "ok || responsetime > 99 ; false",
            "error = false ; false", "fault != true ; false"})
    void each_expression_matches_the_trace_as_x_ray_would(String expression, boolean matches) {
        assertThat(FilterExpression.parse(expression).matches(TRACE)).isEqualTo(matches);
    }

    @Test
    void malformed_expressions_are_invalid_requests_naming_the_position() {
        assertThatThrownBy(() -> FilterExpression.parse("responsetime >")).hasMessageContaining("position 14")
                .hasMessageContaining("a number after >");
        assertThatThrownBy(() -> FilterExpression.parse("service(\"x\"")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> FilterExpression.parse("colour = \"red\"")).hasMessageContaining("unknown keyword 'colour'");
        assertThatThrownBy(() -> FilterExpression.parse("annotation.x > \"a\"")).hasMessageContaining("compares numbers");
        assertThatThrownBy(() -> FilterExpression.parse("http.url = \"unclosed")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> FilterExpression.parse("error error")).hasMessageContaining("unexpected 'error'")
                .isInstanceOfSatisfying(dev.miniats.local.aws.AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequestException"));
    }
}
