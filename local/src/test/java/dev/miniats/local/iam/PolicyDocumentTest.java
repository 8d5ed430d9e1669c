package dev.miniats.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy grammar as data ({@code iam/policy-grammar-cases.json}: a document, identity or
 * trust, and the part of the MalformedPolicyDocument message it must get, or none when valid),
 * from IAM's policy grammar page (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
 */
class PolicyDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> rows() throws IOException {
        try (InputStream in = PolicyDocumentTest.class.getResourceAsStream("/iam/policy-grammar-cases.json")) {
            List<Arguments> out = new ArrayList<>();
            JSON.readTree(in).forEach(row -> out.add(Arguments.of(row.get("name").asText(), row)));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void follows_the_policy_grammar(String name, JsonNode row) {
        String text = row.has("text") ? row.get("text").asText() : row.get("document").toString();
        PolicyDocument.Kind kind = PolicyDocument.Kind.valueOf(row.get("kind").asText());
        if (row.has("error")) {
            assertThatThrownBy(() -> PolicyDocument.parse(text, kind)).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.code()).isEqualTo("MalformedPolicyDocument"))
                    .hasMessageContaining(row.get("error").asText());
        } else {
            assertThatCode(() -> PolicyDocument.parse(text, kind)).doesNotThrowAnyException();
        }
    }
}
