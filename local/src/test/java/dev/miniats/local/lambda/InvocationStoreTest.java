package dev.miniats.local.lambda;

import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.local.tracing.BusTracing;
import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every local invocation is stored with its log lines, and read back as CloudWatch shows it. */
class InvocationStoreTest {
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @TempDir
    Path dataDir;
    private Database db;
    private InvocationStore store;
    private FunctionRegistry functions;

    private void start(int keepPerFunction, long timeoutMillis) {
        db = Database.openTelemetry(dataDir, false);
        store = new InvocationStore(db, keepPerFunction);
        functions = new FunctionRegistry(FunctionEnvironment.local(URI.create("http://127.0.0.1:1"), Clock.systemUTC(),
                EmailTemplates.builtIn()), "000000000000", "us-east-1", BusTracing.disabled(), 10, timeoutMillis);
        functions.recordInvocations(store);
        functions.register("chatty", (in, out, context) -> {
            int lines = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            for (int i = 0; i < lines; i++) {
                context.getLogger().log("line " + i + " " + "x".repeat(1000));
            }
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        });
        functions.register("streamed", (in, out, context) -> out.write(context.getLogStreamName().getBytes(StandardCharsets.UTF_8)));
        functions.register("broken", (in, out, context) -> {
            context.getLogger().log("about to fail");
            throw new IllegalStateException("the <b>broken</b> function broke");
        });
    }

    @AfterEach
    void stop() {
        functions.close();
        store.close();
        db.close();
    }

    private List<Invocation> stored(String function) {
        store.flush();
        return store.find(new InvocationStore.Filter(function, null, false, null, Long.MAX_VALUE, 100));
    }

    @Test
    void the_context_names_the_log_stream_its_invocation_is_served_from() {
        start(100, 5_000);
        String told = new String(functions.invoke("streamed", "{}".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(told).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}").isEqualTo(stored("streamed").get(0).logStream());
    }

    @Test
    void an_invocation_is_stored_with_its_lines_and_shown_as_start_lines_end_and_report() {
        start(100, 5_000);
        functions.invoke("chatty", "2".getBytes(StandardCharsets.UTF_8), TRACE);

        Invocation invocation = stored("chatty").get(0);
        assertThat(invocation.status()).isEqualTo("ok");
        assertThat(invocation.lines()).hasSize(2);
        assertThat(invocation.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        List<String> shown = invocation.cloudWatchLines();
        String id = invocation.requestId();
        assertThat(shown.get(0)).isEqualTo("START RequestId: " + id + " Version: $LATEST");
        assertThat(shown.get(1)).startsWith("line 0 ");
        assertThat(shown.get(3)).isEqualTo("END RequestId: " + id);
        assertThat(shown.get(4)).matches("REPORT RequestId: " + id + "\tDuration: \\d+\\.\\d{2} ms\tBilled Duration: \\d+ ms"
                + "\tMemory Size: 1024 MB\t\nXRAY TraceId: 1-5759e988-bd862e3fe1be46a994272793\tSampled: true");
        assertThat(store.byRequestId(id)).contains(invocation);
        assertThat(store.find(new InvocationStore.Filter(null, null, false, "1-5759e988-bd862e3fe1be46a994272793", Long.MAX_VALUE, 10)))
                .containsExactly(invocation);
    }

    @Test
    void a_failed_invocation_is_stored_as_an_error_with_its_type_and_lambdas_error_line() {
        start(100, 5_000);
        assertThatThrownBy(() -> functions.invoke("broken", new byte[0], null)).isInstanceOf(FunctionError.class);
        functions.invoke("chatty", "0".getBytes(StandardCharsets.UTF_8), null);

        Invocation failed = stored("broken").get(0);
        assertThat(failed.status()).isEqualTo("error");
        assertThat(failed.errorType()).isEqualTo("IllegalStateException");
        assertThat(failed.errorMessage()).isEqualTo("the <b>broken</b> function broke");
        assertThat(failed.lines()).extracting(Invocation.LogLine::message).first().isEqualTo("about to fail");
        assertThat(failed.lines().get(1).message()).startsWith("{\"errorMessage\":\"the <b>broken</b> function broke\","
                + "\"errorType\":\"IllegalStateException\",\"stackTrace\":[");
        assertThat(store.find(new InvocationStore.Filter(null, null, true, null, Long.MAX_VALUE, 10))).containsExactly(failed);
    }

    @Test
    void a_timed_out_invocation_is_stored_with_lambdas_timeout_line() {
        start(100, 100);
        functions.register("slow", (in, out, context) -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThatThrownBy(() -> functions.invoke("slow", new byte[0], null)).isInstanceOf(FunctionError.class);

        Invocation timedOut = stored("slow").get(0);
        assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(timedOut.lines().get(0).message()).endsWith(timedOut.requestId() + " Task timed out after 0.10 seconds");
    }

    @Test
    void a_chatty_invocation_keeps_its_first_256_kb_of_lines_and_says_it_was_cut() {
        start(100, 5_000);
        functions.invoke("chatty", "400".getBytes(StandardCharsets.UTF_8), null);

        Invocation invocation = stored("chatty").get(0);
        assertThat(invocation.truncated()).isTrue();
        int bytes = invocation.lines().stream().mapToInt(l -> l.message().getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).isLessThanOrEqualTo(LocalContext.MAX_LOG_BYTES).isGreaterThan(LocalContext.MAX_LOG_BYTES - 2_000);
        assertThat(invocation.cloudWatchLines()).contains("[log truncated: lines past 256 KB were dropped]");
    }

    @Test
    void retention_keeps_the_newest_invocations_of_each_function() {
        start(3, 5_000);
        for (int i = 0; i < 5; i++) {
            functions.invoke("chatty", "0".getBytes(StandardCharsets.UTF_8), null);
            store.flush();
        }
        functions.invoke("ats-echo", "{}".getBytes(StandardCharsets.UTF_8), null);

        List<Invocation> chatty = stored("chatty");
        assertThat(chatty).hasSize(3);
        assertThat(chatty.get(0).seq()).isGreaterThan(chatty.get(2).seq());
        assertThat(chatty.get(2).seq()).isGreaterThan(2);
        assertThat(stored("ats-echo")).hasSize(1);
    }

    @Test
    void retention_trims_in_steps_of_a_tenth_of_what_it_keeps_and_never_below_it() {
        start(20, 5_000); // trimmed once two have been added
        for (int i = 0; i < 25; i++) {
            functions.invoke("ats-echo", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), null);
            store.flush();
            assertThat(stored("ats-echo")).hasSizeBetween(Math.min(i + 1, 20), 21);
        }
        assertThat(stored("ats-echo")).hasSize(21); // the 24th trimmed to 20, the 25th waits for the next step
    }

    @Test
    void a_recorder_that_fails_never_fails_the_invocation() {
        start(100, 5_000);
        functions.recordInvocations(invocation -> {
            throw new IllegalStateException("recorder down");
        });
        assertThat(functions.invoke("ats-echo", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_closed_store_drops_records_instead_of_failing_the_invocation() {
        start(100, 5_000);
        store.close();
        assertThat(functions.invoke("ats-echo", "{}".getBytes(StandardCharsets.UTF_8), null)).isNotEmpty();
    }

    @Test
    void a_batch_keeps_only_the_newest_invocations_each_function_keeps_in_order() {
        start(100, 5_000);
        List<Invocation> batch = List.of(probe("a", "a1"), probe("b", "b1"), probe("a", "a2"), probe("a", "a3"), probe("b", "b2"));

        assertThat(InvocationStore.newestPerFunction(batch, 2)).extracting(Invocation::requestId).containsExactly("b1", "a2", "a3", "b2");
        assertThat(InvocationStore.newestPerFunction(batch, 3)).isSameAs(batch);
    }

    @Test
    void a_burst_beyond_what_a_function_keeps_leaves_its_newest_invocations_stored() {
        start(100, 5_000);
        for (int i = 0; i < 2_000; i++) {
            store.accept(probe("burst", String.format("r-%05d", i)));
        }
        store.flush();

        List<String> stored = store.find(new InvocationStore.Filter("burst", null, false, null, Long.MAX_VALUE, 5_000)).stream()
                .map(Invocation::requestId).toList();
        assertThat(stored).hasSizeBetween(100, 109); // the keep, and fewer than a tenth of it added since the last trim
        assertThat(stored.subList(0, 100)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 100).mapToObj(i -> String.format("r-%05d", 1_999 - i)).toList());
    }

    private static Invocation probe(String function, String requestId) {
        return new Invocation(0, requestId, function, 1_000, 1.0, 128, null, null, null, null, null, List.of(), false);
    }
}
