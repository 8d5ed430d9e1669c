package dev.miniats.functions.replies;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** calendar-reply's configuration from its environment variables: a missing one is named, with what it should be. */
class ReplyEnvironmentTest {
    private static final Map<String, String> COMPLETE = Map.of(
            ReplyEnvironment.INBOUND_BUCKET, "mini-ats-inbound",
            ReplyEnvironment.IDEMPOTENCY_TABLE, "mini-ats-idempotency",
            "AWS_REGION", "us-east-1");

    @Test
    void the_bucket_and_the_table_are_required_and_named_when_missing() {
        assertThatThrownBy(() -> ReplyEnvironment.fromVariables(Map.of(ReplyEnvironment.IDEMPOTENCY_TABLE, "t", "AWS_REGION", "us-east-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MINI_ATS_INBOUND_BUCKET is not set; expected the S3 bucket the receipt rule stores received mail in");
        assertThatThrownBy(() -> ReplyEnvironment.fromVariables(Map.of(ReplyEnvironment.INBOUND_BUCKET, "b", "AWS_REGION", "us-east-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MINI_ATS_IDEMPOTENCY_TABLE is not set");
    }

    @Test
    void a_complete_environment_builds_the_aws_adapters_without_calling_aws() {
        ReplyEnvironment environment = ReplyEnvironment.fromVariables(COMPLETE);

        assertThat(environment.mail()).isNotNull();
        assertThat(environment.invited()).isNotNull();
        assertThat(environment.publisher()).isNotNull();
    }
}
