package dev.miniats.local.lambda.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One Lambda execution environment: a local process running the function's runtime, talking to
 * its own {@link RuntimeApiServer} (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
 * INIT runs until the process first asks for {@code invocation/next}; then it takes one invocation
 * at a time. An invocation past its deadline kills the process ({@code Task timed out after N.NN
 * seconds}); a process that exits fails the invocation in progress ({@code Runtime.ExitError});
 * either way the environment is dead and the pool starts a fresh one. A process tree whose memory
 * passes the function's MemorySize is killed, as Lambda's sandbox limit kills it ({@code Runtime exited
 * with error: signal: killed}); {@link #checkMemory} is called by the runtime's sampler. Thread-safe;
 * used by one invocation at a time.
 */
final class ExecutionEnvironment implements RuntimeApiServer.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEnvironment.class);
    /** How long the last output of an invocation may take to be read after its response. */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final boolean MEMORY_METERED = MemoryMeter.supported();
    /** A memory reading this recent stands for the end of an invocation (the sampler reads busy environments as often). */
    private static final long RECENT_MEMORY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Lambda's limit on an on-demand environment's INIT phase. */
    static final long INIT_TIMEOUT_MILLIS = 10_000;

    /** Put in the queue when the environment stops, so a {@code next} long-poll returns at once. */
    private static final InvokeRequest SHUTDOWN = new InvokeRequest("shutdown", new byte[0], 0, null, null);

    private record Pending(String requestId, CompletableFuture<InvokeOutcome> outcome) {
    }

    private final FunctionSpec spec;
    private final BlockingQueue<InvokeRequest> queue = new LinkedBlockingQueue<>(1);
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final List<String> unattributed = new ArrayList<>();
    private final RuntimeApiServer api;
    private final Process process;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final long startedNanos;
    private final MemoryMeter meter;
    private final long memoryLimitBytes;
    private volatile Pending current;
    private volatile long deadlineMillis;
    private volatile Consumer<String> sink;
    private volatile InvokeOutcome initFailure;
    private volatile boolean dead;
    private volatile long lastUsedNanos = System.nanoTime();
    /** What the runtime said it had written when it answered the invocation in progress; -1 when it did not say. */
    private volatile long answeredOutputBytes = -1;
    private Double initDurationMs;
    private boolean initReported;

    /** Starts the process; INIT goes on in the background until the first {@link #invoke}. */
    ExecutionEnvironment(FunctionSpec spec, List<String> command, Map<String, String> environment, ExecutorService threads)
            throws IOException {
        this.spec = spec;
        this.api = new RuntimeApiServer(this);
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.taskRoot().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        this.startedNanos = System.nanoTime();
        try {
            this.process = builder.start();
        } catch (IOException e) {
            api.close();
            throw e;
        }
        this.meter = new MemoryMeter(process.toHandle());
        this.memoryLimitBytes = MemoryMeter.megabytes(spec.memoryMb());
        process.getOutputStream().close();
        this.stdout = new OutputPump(process.getInputStream(), this::line);
        this.stderr = new OutputPump(process.getErrorStream(), this::line);
        threads.execute(stdout);
        threads.execute(stderr);
        process.onExit().thenRun(this::exited);
    }

    /** Adds a line of our own to the function's log (the next invocation's, when none is in progress). */
    void log(String line) {
        line(line);
    }

    private void line(String line) {
        Consumer<String> target = sink;
        if (target != null) {
            target.accept(line);
            return;
        }
        synchronized (unattributed) {
            if (unattributed.size() < 10_000) {
                unattributed.add(line);
            }
        }
    }

    /**
     * Runs one invocation; {@code logs} receives the lines the process writes meanwhile (and those
     * written before it, during INIT or between invocations, as Lambda puts them in the stream).
     */
    InvokeOutcome invoke(InvokeRequest request, Consumer<String> logs) {
        lastUsedNanos = System.nanoTime();
        synchronized (unattributed) {
            unattributed.forEach(logs);
            unattributed.clear();
            sink = logs;
        }
        try {
            InvokeOutcome outcome = run(request);
            if (!outcome.failed() && MEMORY_METERED && meter.recent(RECENT_MEMORY_NANOS) > memoryLimitBytes) {
                // past the limit between two samples: the sandbox would have killed it before it answered
                kill();
                process.onExit().join();
                outcome = exitError(request.requestId());
            }
            awaitDrained();
            Double init = null;
            if (!initReported) {
                initReported = true;
                init = initDurationMs;
            }
            return outcome.with(init, MEMORY_METERED ? Math.min(meter.peakMb(), spec.memoryMb()) : null);
        } finally {
            sink = null;
            current = null;
            lastUsedNanos = System.nanoTime();
        }
    }

    private InvokeOutcome run(InvokeRequest request) {
        try {
            ready.get(INIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return timedOut(request, INIT_TIMEOUT_MILLIS);
        } catch (ExecutionException e) {
            dead = true;
            return initFailure != null ? initFailure : exitError(request.requestId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return InvokeOutcome.failure("Interrupted", "The invocation was interrupted");
        }
        Pending pending = new Pending(request.requestId(), new CompletableFuture<>());
        current = pending;
        deadlineMillis = System.currentTimeMillis() + request.timeoutMillis();
        if (dead || !queue.offer(request)) {
            return exitError(request.requestId());
        }
        try {
            return pending.outcome().get(request.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return timedOut(request, request.timeoutMillis());
        } catch (ExecutionException e) {
            return exitError(request.requestId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return InvokeOutcome.failure("Interrupted", "The invocation was interrupted");
        }
    }

    /** Lambda's own line and error for a timeout (https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html). */
    private InvokeOutcome timedOut(InvokeRequest request, long afterMillis) {
        kill();
        String message = "Task timed out after " + String.format(Locale.ROOT, "%.2f", afterMillis / 1000.0) + " seconds";
        Consumer<String> logs = sink;
        if (logs != null) {
            logs.accept(java.time.Instant.now() + " " + request.requestId() + " " + message);
        }
        return InvokeOutcome.failure("Sandbox.Timedout", message);
    }

    /** Lambda's error and log lines for a runtime process that ended (crashed, or killed for memory). */
    private InvokeOutcome exitError(String requestId) {
        String status = process.isAlive() ? "unknown" : "exit status " + process.exitValue();
        if (!process.isAlive() && process.exitValue() > 128) {
            status = "signal: " + signal(process.exitValue() - 128);
        }
        String message = "RequestId: " + requestId + " Error: Runtime exited with error: " + status;
        Consumer<String> logs = sink;
        if (logs != null) {
            logs.accept(message);
            logs.accept("Runtime.ExitError");
        }
        return InvokeOutcome.failure("Runtime.ExitError", message);
    }

    /** A signal's name as Lambda's runtime agent (Go) prints it. */
    private static String signal(int number) {
        return switch (number) {
            case 9 -> "killed";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            case 15 -> "terminated";
            default -> Integer.toString(number);
        };
    }

    /**
     * Kills the environment when its process tree uses more memory than the function's MemorySize
     * while it initializes or runs an invocation (idle environments do not grow). Called by the sampler.
     */
    void checkMemory() {
        if (!MEMORY_METERED || dead || (current == null && ready.isDone())) {
            return;
        }
        if (meter.sampleTree() > memoryLimitBytes) {
            LOG.info("execution environment of {} used more than its {} MB: killed", spec.functionName(), spec.memoryMb());
            kill();
        }
    }

    /**
     * Waits until the output written before the answer has been read: exactly when the runtime said how much
     * it wrote (our bootstraps do, and usually it is read already), else until both readers wait on empty pipes.
     */
    private void awaitDrained() {
        long until = System.nanoTime() + DRAIN_NANOS;
        long written = answeredOutputBytes;
        answeredOutputBytes = -1;
        if (written >= 0) {
            while (stdout.consumed() + stderr.consumed() < written && !(stdout.finished() && stderr.finished())
                    && System.nanoTime() < until) {
                LockSupport.parkNanos(20_000);
            }
            return;
        }
        while (!(stdout.drained() && stderr.drained()) && System.nanoTime() < until) {
            LockSupport.parkNanos(20_000);
        }
    }

    @Override
    public InvokeRequest next() throws InterruptedException {
        if (!ready.isDone()) {
            initDurationMs = (System.nanoTime() - startedNanos) / 1e6;
            ready.complete(null);
        }
        while (!dead) {
            InvokeRequest request = queue.poll(1, TimeUnit.SECONDS);
            if (request == SHUTDOWN) {
                return null;
            }
            if (request != null) {
                return request;
            }
        }
        return null;
    }

    @Override
    public long deadlineMillis() {
        return deadlineMillis;
    }

    @Override
    public boolean response(String requestId, byte[] body, long outputBytes) {
        return complete(requestId, new InvokeOutcome(body, null, null, null, null, null), outputBytes);
    }

    @Override
    public boolean error(String requestId, String errorType, byte[] body, long outputBytes) {
        return complete(requestId, new InvokeOutcome(null, errorType, ErrorDocuments.message(body), body, null, null), outputBytes);
    }

    private boolean complete(String requestId, InvokeOutcome outcome, long outputBytes) {
        Pending pending = current;
        if (pending == null || !pending.requestId().equals(requestId)) {
            return false;
        }
        answeredOutputBytes = outputBytes;
        return pending.outcome().complete(outcome);
    }

    @Override
    public void initError(String errorType, byte[] body) {
        initFailure = new InvokeOutcome(null, errorType, ErrorDocuments.message(body), body, null, null);
        initDurationMs = (System.nanoTime() - startedNanos) / 1e6;
        dead = true;
        ready.completeExceptionally(new IllegalStateException(errorType));
    }

    private void exited() {
        dead = true;
        if (!ready.isDone()) {
            initDurationMs = (System.nanoTime() - startedNanos) / 1e6;
            ready.completeExceptionally(new IllegalStateException("exited during init"));
        }
        Pending pending = current;
        if (pending != null) {
            pending.outcome().completeExceptionally(new IllegalStateException("exited"));
        }
        queue.clear();
        queue.offer(SHUTDOWN);
        api.close();
        LOG.debug("execution environment of {} exited with {}", spec.functionName(), process.exitValue());
    }

    boolean alive() {
        return !dead && process.isAlive();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    FunctionSpec spec() {
        return spec;
    }

    /** Runs {@code action} once the process has exited. */
    void onClose(Runnable action) {
        process.onExit().thenRun(action);
    }

    private void kill() {
        dead = true;
        queue.clear();
        queue.offer(SHUTDOWN);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        api.close();
    }

    @Override
    public void close() {
        kill();
    }
}
