package dev.miniats.local.ssm;

import org.junit.jupiter.api.extension.RegisterExtension;
import dev.miniats.local.iam.CliRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import dev.miniats.local.iam.AwsCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws ssm} put/get/delete-parameter(s) against the runtime, with Parameter Store's errors; parameters survive a restart. */
class SsmCliTest {
    @RegisterExtension
    static final CliRuntime ats = new CliRuntime();

    @Test
    void put_then_overwrite_counts_versions_and_get_answers_the_latest() {
        assertThat(ats.aws().ok("ssm", "put-parameter", "--name", "/app/colour", "--type", "String", "--value", "blue")
                .get("Version").asInt()).isEqualTo(1);
        assertThat(ats.aws().fails("ssm", "put-parameter", "--name", "/app/colour", "--type", "String", "--value", "red"))
                .contains("ParameterAlreadyExists");
        assertThat(ats.aws().ok("ssm", "put-parameter", "--name", "/app/colour", "--value", "red", "--overwrite")
                .get("Version").asInt()).isEqualTo(2);

        JsonNode p = ats.aws().ok("ssm", "get-parameter", "--name", "/app/colour").get("Parameter");
        assertThat(p.get("Value").asText()).isEqualTo("red");
        assertThat(p.get("Type").asText()).isEqualTo("String");
        assertThat(p.get("Version").asInt()).isEqualTo(2);
        assertThat(p.get("ARN").asText()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/app/colour");
        assertThat(ats.aws().ok("ssm", "get-parameter", "--name", "/app/colour:2").get("Parameter").get("Value").asText()).isEqualTo("red");
        assertThat(ats.aws().fails("ssm", "get-parameter", "--name", "/app/colour:1")).contains("ParameterVersionNotFound");
    }

    @Test
    void get_parameters_lists_the_missing_names_as_invalid() {
        ats.aws().ok("ssm", "put-parameter", "--name", "one", "--type", "StringList", "--value", "a,b");
        JsonNode answer = ats.aws().ok("ssm", "get-parameters", "--names", "one", "nope");
        assertThat(answer.get("Parameters").findValuesAsText("Value")).containsExactly("a,b");
        assertThat(answer.get("InvalidParameters").get(0).asText()).isEqualTo("nope");
    }

    @Test
    void delete_removes_a_parameter_and_a_second_delete_is_parameter_not_found() {
        ats.aws().ok("ssm", "put-parameter", "--name", "/gone", "--type", "String", "--value", "x");
        ats.aws().ok("ssm", "delete-parameter", "--name", "/gone");
        assertThat(ats.aws().fails("ssm", "get-parameter", "--name", "/gone")).contains("ParameterNotFound");
        assertThat(ats.aws().fails("ssm", "delete-parameter", "--name", "/gone")).contains("ParameterNotFound");
        ats.aws().ok("ssm", "put-parameter", "--name", "/gone2", "--type", "String", "--value", "x");
        JsonNode deleted = ats.aws().ok("ssm", "delete-parameters", "--names", "/gone2", "/never");
        assertThat(deleted.get("DeletedParameters").get(0).asText()).isEqualTo("/gone2");
        assertThat(deleted.get("InvalidParameters").get(0).asText()).isEqualTo("/never");
    }

    @Test
    void bad_names_types_and_patterns_are_refused_with_ssm_codes() {
        assertThat(ats.aws().fails("ssm", "put-parameter", "--name", "a/b", "--type", "String", "--value", "x"))
                .contains("ValidationException").contains("must start with '/'");
        assertThat(ats.aws().fails("ssm", "put-parameter", "--name", "/awsy", "--type", "String", "--value", "x"))
                .contains("ValidationException").contains("reserved");
        assertThat(ats.aws().fails("ssm", "put-parameter", "--name", "/t", "--type", "Number", "--value", "1")).contains("Number");
        assertThat(ats.aws().fails("ssm", "put-parameter", "--name", "/p", "--type", "String", "--value", "abc", "--allowed-pattern", "[0-9]+"))
                .contains("ParameterPatternMismatchException");
        assertThat(ats.aws().fails("ssm", "put-parameter", "--name", "/big", "--type", "String", "--value", "x".repeat(4097)))
                .contains("ValidationException").contains("4096");
        assertThat(ats.aws().fails("ssm", "get-parameter", "--name", "/never")).contains("ParameterNotFound");
    }

    @Test
    void a_secure_string_shows_its_value_only_with_decryption() {
        ats.aws().ok("ssm", "put-parameter", "--name", "/secret", "--type", "SecureString", "--value", "hunter2");
        assertThat(ats.aws().ok("ssm", "get-parameter", "--name", "/secret").get("Parameter").get("Value").asText()).isNotEqualTo("hunter2");
        assertThat(ats.aws().ok("ssm", "get-parameter", "--name", "/secret", "--with-decryption").get("Parameter").get("Value").asText())
                .isEqualTo("hunter2");
    }

    @Test
    void parameters_survive_a_restart(@TempDir Path other) {
        try (LocalRuntime first = LocalRuntime.start(RuntimeConfig.builder().dataDir(other).ephemeralPorts().build())) {
            AwsCli.local(first.endpoint(), other).ok("ssm", "put-parameter", "--name", "/kept", "--type", "String", "--value", "yes");
        }
        try (LocalRuntime second = LocalRuntime.start(RuntimeConfig.builder().dataDir(other).ephemeralPorts().build())) {
            assertThat(AwsCli.local(second.endpoint(), other).ok("ssm", "get-parameter", "--name", "/kept")
                    .get("Parameter").get("Value").asText()).isEqualTo("yes");
        }
    }
}
