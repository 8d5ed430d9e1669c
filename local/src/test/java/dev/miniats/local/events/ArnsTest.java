package dev.miniats.local.events;

import dev.miniats.core.routing.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The events package's ARNs, now built and read with aws.Arns, are the strings EventBridge and Lambda use. */
class ArnsTest {
    private static String functionOf(String arn) {
        return Target.lambda("t", arn, RetryPolicy.DEFAULT).functionName();
    }

    @Test
    void a_rule_arn_names_the_bus_only_when_it_is_not_the_default_bus() {
        assertThat(new LocalRule("default", "r", "{}", null, true, false, List.of()).arn("us-east-1", "000000000000"))
                .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/r");
        assertThat(new LocalRule("mini-ats", "send-offer-letter", "{}", null, true, false, List.of()).arn("eu-west-1", "123456789012"))
                .isEqualTo("arn:aws:events:eu-west-1:123456789012:rule/mini-ats/send-offer-letter");
    }

    @Test
    void a_lambda_target_names_its_function_with_or_without_a_qualifier() {
        assertThat(functionOf("arn:aws:lambda:us-east-1:000000000000:function:send-assessment")).isEqualTo("send-assessment");
        assertThat(functionOf("arn:aws:lambda:us-east-1:000000000000:function:send-assessment:live")).isEqualTo("send-assessment");
    }

    @Test
    void any_other_target_names_no_function() {
        assertThat(functionOf("arn:aws:sqs:us-east-1:000000000000:dlq")).isNull();
        assertThat(functionOf("arn:aws:lambda:us-east-1:000000000000:layer:x")).isNull();
        assertThat(functionOf("arn:aws:lambda:us-east-1:000000000000:function:")).isNull();
        assertThat(functionOf("arn:aws-cn:lambda:cn-north-1:000000000000:function:f")).isNull();
        assertThat(functionOf("arn:not-an-arn")).isNull();
        assertThat(functionOf("arn:aws:lambda:us-east-1:000000000000")).isNull();
        assertThat(functionOf("arn:aws:lambda:us-east-1:000000000000:function::live")).isNull();
    }
}
