package dev.miniats.local.lambda;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Node.js functions in local execution environments: warm reuse, errors, timeouts, crashes, init errors. */
@Tag("e2e")
class NodeRuntimeTest {
    @TempDir
    static Path dataDir;
    static LocalRuntime runtime;
    static UserFunctionsHttp lambda;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(0.001).build());
        lambda = new UserFunctionsHttp(runtime);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void module_scope_state_survives_between_invokes_of_a_warm_environment() {
        byte[] zip = Zips.of(Map.of("index.mjs", "let count = 0;\nexport const handler = async (event) => {\n"
                + "  count++;\n  console.log('call', count);\n  return { count, pid: process.pid, echo: event.value };\n};\n"));
        assertThat(lambda.create("counter", "nodejs20.x", "index.handler", zip, Map.of()).status()).isEqualTo(201);

        UserFunctionsHttp.Answer first = lambda.invoke("counter", "{\"value\":\"a\"}");
        UserFunctionsHttp.Answer second = lambda.invoke("counter", "{\"value\":\"b\"}");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("count").asInt()).isEqualTo(1);
        assertThat(second.json().get("count").asInt()).isEqualTo(2);
        assertThat(second.json().get("pid")).isEqualTo(first.json().get("pid"));
        assertThat(second.json().get("echo").asText()).isEqualTo("b");
    }
}
