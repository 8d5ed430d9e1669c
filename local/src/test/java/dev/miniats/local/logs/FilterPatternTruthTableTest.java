package dev.miniats.local.logs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.local.AwsCliEndToEndTest;
import dev.miniats.local.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The filter-pattern truth table ({@code logs/filter-pattern-cases.json}, rows from the CloudWatch
 * Logs filter pattern documentation's examples): every row through the parser directly, and every
 * fifth row through {@code aws logs filter-log-events} over a function's real log group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterPatternTruthTableTest {
    private static final String FUNCTION = "echo-lines";
    private static final int CLI_EVERY = 5;

    record Case(String name, String pattern, String line, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TestRuntime ats;
    private List<Case> cases;

    List<Case> cases() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/logs/filter-pattern-cases.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<Case>>() {
            });
        }
    }

    @BeforeAll
    void log_every_line_of_the_table_from_a_function() throws IOException {
        cases = cases();
        ats = TestRuntime.start();
        ats.runtime.functions().register(FUNCTION, (in, out, context) -> {
            context.getLogger().log(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        });
        Set<String> lines = new LinkedHashSet<>();
        cases.forEach(c -> lines.add(c.line()));
        lines.forEach(line -> ats.runtime.functions().invoke(FUNCTION, line.getBytes(StandardCharsets.UTF_8), null));
        await().atMost(Duration.ofSeconds(60)).until(() -> messages("").containsAll(lines)); // each poll is a CLI run
    }

    @AfterAll
    void stop() {
        if (ats != null) {
            ats.close();
        }
    }

    private List<String> messages(String pattern) throws Exception {
        AwsCliEndToEndTest.CliResult result = AwsCliEndToEndTest.aws(ats.runtime.endpoint(), "logs", "filter-log-events",
                "--log-group-name", "/aws/lambda/" + FUNCTION, "--filter-pattern", pattern);
        assertThat(result.exitCode()).as("filter-log-events %s: %s", pattern, result.stderr()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode event : TestRuntime.json(result.stdout()).get("events")) {
            out.add(event.get("message").asText());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_documented_pattern_matches_its_line_as_cloudwatch_does(Case row) throws Exception {
        assertThat(FilterPattern.parse(row.pattern()).matches(row.line())).as("%s on %s", row.pattern(), row.line())
                .isEqualTo(row.matches());
        if (cases.indexOf(row) % CLI_EVERY == 0) {
            assertThat(messages(row.pattern()).contains(row.line())).as("filter-log-events %s", row.pattern()).isEqualTo(row.matches());
        }
    }
}
