package dev.miniats.local.lambda;

import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.core.mail.EmailTemplates;
import dev.miniats.local.tracing.BusTracing;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Lambda service's timeout and concurrency limit. */
class FunctionRegistryTest {
    private static FunctionRegistry registry(int concurrency, long timeoutMillis) {
        return new FunctionRegistry(FunctionEnvironment.local(URI.create("http://127.0.0.1:1"), Clock.systemUTC(), EmailTemplates.builtIn()),
                "000000000000", "us-east-1", BusTracing.disabled(), concurrency, timeoutMillis);
    }

    @Test
    void an_invocation_past_its_timeout_fails_with_a_retryable_timeout_error() {
        try (FunctionRegistry functions = registry(10, 200)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> functions.invoke("ats-sleep", "{\"sleepMillis\":5000}".getBytes(), null))
                    .isInstanceOfSatisfying(FunctionError.class, e -> {
                        assertThat(e.errorType()).isEqualTo("Sandbox.Timedout");
                        assertThat(e.retryable()).isTrue();
                    });
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2000);
        }
    }

    @Test
    void invocations_past_the_concurrency_limit_are_throttled_with_a_retryable_error() throws Exception {
        try (FunctionRegistry functions = registry(1, 10_000)) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            functions.register("blocking", (in, out, context) -> {
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ExecutorService caller = Executors.newSingleThreadExecutor();
            caller.submit(() -> functions.invoke("blocking", new byte[0], null));
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> functions.invoke("blocking", new byte[0], null))
                    .isInstanceOfSatisfying(FunctionError.class, e -> {
                        assertThat(e.errorType()).isEqualTo("TooManyRequestsException");
                        assertThat(e.retryable()).isTrue();
                    });
            release.countDown();
            caller.shutdown();
            assertThat(caller.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(functions.invoke("ats-echo", "{\"a\":1}".getBytes(), null)).isEqualTo("{\"a\":1}".getBytes());
        }
    }

    @Test
    void an_unknown_function_fails_permanently() {
        try (FunctionRegistry functions = registry(10, 1000)) {
            assertThatThrownBy(() -> functions.invoke("nope", new byte[0], null))
                    .isInstanceOfSatisfying(FunctionError.class, e -> assertThat(e.retryable()).isFalse());
        }
    }

    @Test
    void built_in_functions_are_built_on_first_use_once_not_at_start() {
        AtomicInteger built = new AtomicInteger();
        try (FunctionRegistry functions = new FunctionRegistry(() -> {
            built.incrementAndGet();
            return FunctionEnvironment.local(URI.create("http://127.0.0.1:1"), Clock.systemUTC(), EmailTemplates.builtIn());
        }, "000000000000", "us-east-1", BusTracing.disabled(), 10, 10_000)) {
            assertThat(functions.isBuiltIn("send-assessment")).isTrue();
            assertThat(built).hasValue(0);

            functions.warmUp();
            functions.warmUp();

            assertThat(built).hasValue(1);
        }
    }

    @Test
    void a_function_whose_construction_failed_fails_its_invocation_retryably_and_is_built_again_next_time() {
        AtomicInteger attempts = new AtomicInteger();
        try (FunctionRegistry functions = new FunctionRegistry(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("MINI_ATS_SES_ENDPOINT is unreachable");
            }
            return FunctionEnvironment.local(URI.create("http://127.0.0.1:1"), Clock.systemUTC(), EmailTemplates.builtIn());
        }, "000000000000", "us-east-1", BusTracing.disabled(), 10, 10_000)) {
            assertThatThrownBy(() -> functions.invoke("record-pipeline", "{}".getBytes(), null))
                    .isInstanceOfSatisfying(FunctionError.class, e -> {
                        assertThat(e.errorType()).isEqualTo("IllegalStateException");
                        assertThat(e.getMessage()).contains("unreachable");
                        assertThat(e.retryable()).isTrue();
                    });

            functions.warmUp();

            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void a_function_invoked_here_runs_on_the_calling_thread_and_is_recorded_once() {
        try (FunctionRegistry functions = registry(10, 10_000)) {
            List<Invocation> recorded = new CopyOnWriteArrayList<>();
            functions.recordInvocations(recorded::add);
            functions.register("where", (in, out, context) -> out.write(Thread.currentThread().getName().getBytes()));
            List<FunctionError> timeouts = new CopyOnWriteArrayList<>();

            byte[] output = functions.invokeHere("where", new byte[0], null, timeouts::add);

            assertThat(new String(output)).isEqualTo(Thread.currentThread().getName());
            assertThat(timeouts).isEmpty();
            assertThat(recorded).singleElement().satisfies(i -> assertThat(i.errorType()).isNull());
        }
    }

    @Test
    void a_function_run_here_past_its_timeout_is_ended_by_the_watchdog_and_its_caller_let_go_when_it_returns() throws Exception {
        try (FunctionRegistry functions = registry(10, 200)) {
            List<Invocation> recorded = new CopyOnWriteArrayList<>();
            functions.recordInvocations(recorded::add);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            functions.register("stuck", (in, out, context) -> {
                while (release.getCount() > 0) {
                    LockSupport.parkNanos(1_000_000); // deaf to the interrupt, which stays set
                }
                interrupted.set(Thread.currentThread().isInterrupted());
                out.write("late".getBytes());
            });
            BlockingQueue<String> timeouts = new LinkedBlockingQueue<>();
            ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller"));
            try {
                Future<String> call = caller.submit(() -> {
                    byte[] output = functions.invokeHere("stuck", new byte[0], null,
                            error -> timeouts.add(error.errorType() + " " + error.retryable() + " off the caller: "
                                    + !Thread.currentThread().getName().equals("caller")));
                    return output + " interrupted after: " + Thread.currentThread().isInterrupted();
                });

                assertThat(timeouts.poll(5, TimeUnit.SECONDS)).isEqualTo("Sandbox.Timedout true off the caller: true");
                assertThat(recorded).singleElement().satisfies(i -> assertThat(i.errorType()).isEqualTo("Sandbox.Timedout"));
                assertThat(call.isDone()).isFalse();
                release.countDown();
                assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("null interrupted after: false");
                assertThat(interrupted).isTrue();
                assertThat(recorded).hasSize(1);
                assertThat(timeouts).isEmpty();
            } finally {
                release.countDown(); // else the handler, deaf to its interrupt, spins on
                caller.shutdownNow();
            }
        }
    }

    @Test
    void a_function_run_here_that_ends_in_time_is_never_timed_out_afterwards() throws Exception {
        try (FunctionRegistry functions = registry(10, 1000)) {
            List<Invocation> recorded = new CopyOnWriteArrayList<>();
            functions.recordInvocations(recorded::add);
            AtomicInteger timeouts = new AtomicInteger();

            byte[] output = functions.invokeHere("ats-sleep", "{\"sleepMillis\":0}".getBytes(), null, error -> timeouts.incrementAndGet());
            Thread.sleep(1500);

            assertThat(new String(output)).isEqualTo("{}");
            assertThat(timeouts).hasValue(0);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(recorded).singleElement().satisfies(i -> assertThat(i.errorType()).isNull());
        }
    }

    @Test
    void a_function_run_here_that_throws_fails_its_invocation_not_its_caller() {
        try (FunctionRegistry functions = registry(10, 10_000)) {
            functions.register("overflowing", (in, out, context) -> {
                throw new StackOverflowError("deep");
            });

            List<FunctionError> timeouts = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> functions.invokeHere("overflowing", new byte[0], null, timeouts::add))
                    .isInstanceOfSatisfying(FunctionError.class, e -> {
                        assertThat(e.errorType()).isEqualTo("StackOverflowError");
                        assertThat(e.retryable()).isTrue();
                    });
            assertThatThrownBy(() -> functions.invokeHere("nope", new byte[0], null, timeouts::add))
                    .isInstanceOfSatisfying(FunctionError.class, e -> assertThat(e.errorType()).isEqualTo("ResourceNotFoundException"));
            assertThat(timeouts).isEmpty();
        }
    }

    @Test
    void a_timeout_whose_ending_throws_leaves_the_next_timeouts_to_end() throws Exception {
        try (FunctionRegistry functions = registry(10, 200)) {
            byte[] sleep = "{\"sleepMillis\":5000}".getBytes();
            assertThat(functions.invokeHere("ats-sleep", sleep, null, error -> {
                throw new AssertionError("a caller's ending that fails");
            })).isNull();
            BlockingQueue<String> timeouts = new LinkedBlockingQueue<>();

            assertThat(functions.invokeHere("ats-sleep", sleep, null, error -> timeouts.add(error.errorType()))).isNull();

            assertThat(timeouts.poll(5, TimeUnit.SECONDS)).isEqualTo("Sandbox.Timedout");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void a_closed_registry_refuses_to_run_a_function_here_without_its_timeout() {
        FunctionRegistry functions = registry(10, 10_000);
        functions.close();

        assertThatThrownBy(() -> functions.invokeHere("ats-noop", new byte[0], null, error -> { }))
                .isInstanceOfSatisfying(FunctionError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("ServiceException");
                    assertThat(e.retryable()).isTrue();
                });
    }
}
