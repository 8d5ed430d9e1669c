package dev.miniats.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.aws.Arns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation truth table ({@code iam/evaluation-cases.json}: policies, action, resource, the
 * expected outcome and the condition keys left unevaluated), rows written from the examples in
 * IAM's policy evaluation logic and policy element pages. Each policy is parsed (and so validated)
 * as a stored identity policy is, and evaluated with the context a role session's request has.
 */
class PolicyEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/send-assessment-role";

    static Stream<Arguments> rows() throws IOException {
        try (InputStream in = PolicyEvaluatorTest.class.getResourceAsStream("/iam/evaluation-cases.json")) {
            List<Arguments> out = new ArrayList<>();
            JSON.readTree(in).forEach(row -> out.add(Arguments.of(row.get("name").asText(), row)));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides_as_iam_does(String name, JsonNode row) {
        List<PolicyDocument> policies = new ArrayList<>();
        row.get("policies").forEach(p -> policies.add(PolicyDocument.parse(p.toString(), PolicyDocument.Kind.IDENTITY)));
        Set<String> unevaluated = new TreeSet<>();
        row.path("unevaluated").forEach(k -> unevaluated.add(k.asText()));

        Iam.Decision decision = PolicyEvaluator.evaluate(policies, row.get("action").asText(), row.get("resource").asText(),
                Iam.requestContext(ROLE, new Arns("us-east-1", "000000000000")));

        assertThat(decision.outcome()).isEqualTo(Iam.Outcome.valueOf(row.get("expected").asText()));
        assertThat(decision.unevaluatedConditionKeys()).containsExactlyInAnyOrderElementsOf(unevaluated);
    }
}
