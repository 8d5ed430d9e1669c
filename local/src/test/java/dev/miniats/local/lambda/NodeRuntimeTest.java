package dev.miniats.local.lambda;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        lambda = new UserFunctionsHttp(runtime).withRole();
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

    private static void create(String name, String source, Map<String, Object> extra) {
        UserFunctionsHttp.Answer created = lambda.create(name, "nodejs20.x", "index.handler", Zips.of(Map.of("index.mjs", source)),
                extra);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void an_exception_comes_back_in_lambdas_error_shape_with_the_function_error_header() {
        create("thrower", "export const handler = async () => { throw new TypeError('no candidate given'); };", Map.of());

        UserFunctionsHttp.Answer answer = lambda.invoke("thrower", "{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(answer.json().get("errorType").asText()).isEqualTo("TypeError");
        assertThat(answer.json().get("errorMessage").asText()).isEqualTo("no candidate given");
        assertThat(answer.json().get("trace").get(0).asText()).startsWith("TypeError: no candidate given");
    }

    @Test
    void the_environment_is_lambdas_plus_the_users_variables_and_the_tail_reports_init_duration() {
        create("env", "export const handler = async () => ({ name: process.env.AWS_LAMBDA_FUNCTION_NAME,"
                + " version: process.env.AWS_LAMBDA_FUNCTION_VERSION, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,"
                + " endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION, handler: process.env._HANDLER,"
                + " exec: process.env.AWS_EXECUTION_ENV, group: process.env.AWS_LAMBDA_LOG_GROUP_NAME, tz: process.env.TZ,"
                + " trace: process.env._X_AMZN_TRACE_ID, key: process.env.AWS_ACCESS_KEY_ID, token: process.env.AWS_SESSION_TOKEN,"
                + " mine: process.env.STAGE });",
                Map.of("MemorySize", 256, "Environment", Map.of("Variables", Map.of("STAGE", "workshop"))));

        UserFunctionsHttp.Answer answer = lambda.invoke("env", "{}", Map.of("X-Amz-Log-Type", "Tail",
                "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var env = answer.json();
        assertThat(env.get("name").asText()).isEqualTo("env");
        assertThat(env.get("version").asText()).isEqualTo("$LATEST");
        assertThat(env.get("memory").asText()).isEqualTo("256");
        assertThat(env.get("endpoint").asText()).isEqualTo(runtime.endpoint().toString());
        assertThat(env.get("region").asText()).isEqualTo("us-east-1");
        assertThat(env.get("handler").asText()).isEqualTo("index.handler");
        assertThat(env.get("exec").asText()).isEqualTo("AWS_Lambda_nodejs20.x");
        assertThat(env.get("group").asText()).isEqualTo("/aws/lambda/env");
        assertThat(env.get("tz").asText()).isEqualTo(":UTC");
        assertThat(env.get("trace").asText()).contains("Root=1-5759e988-bd862e3fe1be46a994272793");
        assertThat(env.get("key").asText()).as("a temporary key of a session of the execution role").startsWith("ASIA");
        assertThat(env.get("token").asText()).isNotBlank();
        assertThat(env.get("mine").asText()).isEqualTo("workshop");
        String tail = new String(Base64.getDecoder().decode(answer.header("X-Amz-Log-Result")), StandardCharsets.UTF_8);
        assertThat(tail).contains("REPORT RequestId: ").contains("Memory Size: 256 MB").containsPattern("Init Duration: \\d+\\.\\d\\d ms");
    }

    @Test
    void the_last_lines_a_function_writes_before_answering_are_in_that_invocations_log() {
        create("chatty", "let n = 0;\nexport const handler = async () => {\n  n++;\n"
                + "  for (let i = 0; i < 40; i++) console.log('line', i, 'd\u00e9j\u00e0 \u2713');\n"
                + "  console.error('err of call', n);\n  process.stdout.write('last of call ' + n + '\\n');\n  return n;\n};\n", Map.of());

        for (int call = 1; call <= 15; call++) {
            UserFunctionsHttp.Answer answer = lambda.invoke("chatty", "{}", Map.of("X-Amz-Log-Type", "Tail"));
            String tail = new String(Base64.getDecoder().decode(answer.header("X-Amz-Log-Result")), StandardCharsets.UTF_8);
            assertThat(tail).as("call %d", call).contains("err of call " + call).contains("last of call " + call + "\n")
                    .doesNotContain("last of call " + (call - 1) + "\n").contains("REPORT RequestId: ");
        }
    }

    @Test
    void an_invoke_past_the_timeout_is_killed_and_the_next_gets_a_fresh_environment() {
        create("slow", "let calls = 0;\nexport const handler = async (e) => { calls++;"
                + " if (e.sleep) await new Promise(r => setTimeout(r, 10000)); return { calls }; };", Map.of("Timeout", 1));

        UserFunctionsHttp.Answer timedOut = lambda.invoke("slow", "{\"sleep\":true}");
        UserFunctionsHttp.Answer next = lambda.invoke("slow", "{}");

        assertThat(timedOut.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(timedOut.json().get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(timedOut.json().get("errorMessage").asText()).isEqualTo("Task timed out after 1.00 seconds");
        assertThat(next.json().get("calls").asInt()).as("a new process, so module state starts over").isEqualTo(1);
    }

    @Test
    void a_process_that_dies_mid_invoke_fails_that_invoke_and_the_next_runs_in_a_new_process() {
        create("crasher", "export const handler = async (e) => { if (e.crash) process.exit(3); return { pid: process.pid }; };",
                Map.of());
        int before = lambda.invoke("crasher", "{}").json().get("pid").asInt();

        UserFunctionsHttp.Answer crashed = lambda.invoke("crasher", "{\"crash\":true}");
        UserFunctionsHttp.Answer after = lambda.invoke("crasher", "{}");

        assertThat(crashed.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(crashed.json().get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(crashed.json().get("errorMessage").asText()).endsWith("Error: Runtime exited with error: exit status 3");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("pid").asInt()).isNotEqualTo(before);
    }

    @Test
    void a_missing_handler_file_or_export_is_an_init_error_as_lambda_reports_it() {
        assertThat(lambda.create("no-file", "nodejs20.x", "missing.handler", Zips.of(Map.of("index.mjs", "export const x = 1;")),
                Map.of()).status()).isEqualTo(201);
        create("no-export", "export const other = async () => 1;", Map.of());

        UserFunctionsHttp.Answer noFile = lambda.invoke("no-file", "{}");
        UserFunctionsHttp.Answer noExport = lambda.invoke("no-export", "{}");

        assertThat(noFile.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(noFile.json().get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(noFile.json().get("errorMessage").asText()).contains("Cannot find module 'missing'");
        assertThat(noExport.json().get("errorType").asText()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(noExport.json().get("errorMessage").asText()).isEqualTo("index.handler is undefined or not exported");
    }

    @Test
    void invokes_beyond_the_reserved_concurrency_are_throttled_and_within_it_run_in_separate_environments() {
        create("busy", "export const handler = async () => { await new Promise(r => setTimeout(r, 1500)); return { pid: process.pid }; };",
                Map.of("Timeout", 10));
        assertThat(lambda.send("PUT", "/2017-10-31/functions/busy/concurrency", "{\"ReservedConcurrentExecutions\":2}", Map.of())
                .status()).isEqualTo(200);
        lambda.invoke("busy", "{}"); // one warm environment; the second invoke below starts another

        List<CompletableFuture<UserFunctionsHttp.Answer>> calls = List.of(
                CompletableFuture.supplyAsync(() -> lambda.invoke("busy", "{}")),
                CompletableFuture.supplyAsync(() -> lambda.invoke("busy", "{}")));
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> true);
        UserFunctionsHttp.Answer throttled = lambda.invoke("busy", "{}");
        List<UserFunctionsHttp.Answer> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.header("x-amzn-ErrorType")).isEqualTo("TooManyRequestsException");
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers.get(0).json().get("pid")).isNotEqualTo(answers.get(1).json().get("pid"));
    }

    @Test
    void an_event_invocation_that_fails_is_retried_twice(@TempDir Path dir) throws Exception {
        Path attempts = dir.resolve("attempts.txt");
        create("flaky", "import { appendFileSync } from 'node:fs';\nexport const handler = async (e) => {"
                + " appendFileSync(process.env.ATTEMPTS, e.id + '\\n'); throw new Error('always'); };",
                Map.of("Environment", Map.of("Variables", Map.of("ATTEMPTS", attempts.toString()))));

        UserFunctionsHttp.Answer queued = lambda.invoke("flaky", "{\"id\":\"e1\"}", Map.of("X-Amz-Invocation-Type", "Event"));

        assertThat(queued.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(attempts) && Files.readAllLines(attempts).size() >= 3);
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(Files.readAllLines(attempts)).containsExactly("e1", "e1", "e1");
    }

    @Test
    void a_function_allocating_past_its_memory_size_is_killed_and_reports_max_memory_used() {
        // Buffers live outside the V8 heap, so only the process's memory (not --max-old-space-size) stops them
        create("hungry", "const kept = [];\nexport const handler = async (e) => {\n"
                + "  for (let i = 0; e.grow && i < 64; i++) { kept.push(Buffer.alloc(8 * 1024 * 1024, 1));"
                + " await new Promise(r => setTimeout(r, 10)); }\n  return { pid: process.pid };\n};\n",
                Map.of("MemorySize", 128, "Timeout", 30));
        int before = lambda.invoke("hungry", "{}").json().get("pid").asInt();

        UserFunctionsHttp.Answer killed = lambda.invoke("hungry", "{\"grow\":true}", Map.of("X-Amz-Log-Type", "Tail"));
        UserFunctionsHttp.Answer after = lambda.invoke("hungry", "{}", Map.of("X-Amz-Log-Type", "Tail"));

        assertThat(killed.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(killed.json().get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(killed.json().get("errorMessage").asText()).matches("RequestId: \\S+ Error: Runtime exited with error: signal: killed");
        String log = new String(Base64.getDecoder().decode(killed.header("X-Amz-Log-Result")), StandardCharsets.UTF_8);
        assertThat(log).contains("Error: Runtime exited with error: signal: killed\nRuntime.ExitError")
                .contains("Memory Size: 128 MB\tMax Memory Used: 128 MB");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("pid").asInt()).as("a fresh environment").isNotEqualTo(before);
        String afterLog = new String(Base64.getDecoder().decode(after.header("X-Amz-Log-Result")), StandardCharsets.UTF_8);
        assertThat(afterLog).containsPattern("Max Memory Used: [1-9]\\d? MB\tInit Duration");
    }
}
