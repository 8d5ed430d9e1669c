package dev.miniats.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.miniats.functions.FunctionEnvironment;
import dev.miniats.functions.HiringFunction;
import dev.miniats.functions.MailRendering;
import dev.miniats.local.aws.TimeOrderedIds;
import dev.miniats.local.tracing.BusTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The local Lambda service: one handler instance per function, built once (the cold start) and
 * invoked in-process with a Lambda {@code Context}. Each function runs at most
 * {@code concurrency} invocations at once (more are throttled with a retryable
 * {@code TooManyRequestsException}, as Lambda throttles asynchronous invocations). The caller stops
 * waiting at the timeout: an invocation runs on a thread of its own, or on the caller's when it can
 * let go of that thread at the timeout ({@link #invokeHere}). Thread-safe; handlers are called
 * concurrently.
 */
public final class FunctionRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionRegistry.class);
    public static final int MEMORY_MB = 1024;
    public static final long TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_CONCURRENCY = 10;

    private final Map<String, Lazy<RequestStreamHandler>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    /** Lambda's request ids are v4 UUIDs; these are too, in time order: the invocation log is indexed by them. */
    private final TimeOrderedIds requestIds = new TimeOrderedIds();
    private final ExecutorService invocations;
    private final Watchdog watchdog;
    private final BusTracing tracing;
    private final String account;
    private final String region;
    private final int concurrency;
    private final long timeoutMillis;
    private final Lazy<FunctionEnvironment> environment;
    private final InvocationRecorder recorder = new InvocationRecorder();
    private volatile UserFunctions users;
    private volatile UserInvoker userInvoker;

    public FunctionRegistry(FunctionEnvironment environment, String account, String region) {
        this(environment, account, region, BusTracing.disabled(), DEFAULT_CONCURRENCY, TIMEOUT_MILLIS);
    }

    public FunctionRegistry(FunctionEnvironment environment, String account, String region, BusTracing tracing,
                            int concurrency, long timeoutMillis) {
        this(() -> environment, account, region, tracing, concurrency, timeoutMillis);
    }

    /**
     * Built-in functions whose {@code environment} (with its SDK clients) and handlers are built on
     * their first invocation or {@link #warmUp()}, as Lambda builds a function in its first
     * invocation's init phase: building them all before the runtime answers was a fifth of its
     * start (the SES client alone loads some thousand SDK classes).
     */
    public FunctionRegistry(Supplier<FunctionEnvironment> environment, String account, String region, BusTracing tracing,
                            int concurrency, long timeoutMillis) {
        this.account = account;
        this.region = region;
        this.tracing = tracing;
        this.concurrency = concurrency;
        this.timeoutMillis = timeoutMillis;
        AtomicInteger n = new AtomicInteger();
        this.invocations = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "function-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.watchdog = new Watchdog(timeoutMillis * 1_000_000, invocations);
        this.environment = new Lazy<>(environment);
        for (HiringFunction function : HiringFunction.values()) {
            register(function.functionName(), new Lazy<>(() -> function.create(this.environment.get())));
        }
        DiagnosticFunctions.all().forEach(this::register);
    }

    /** Adds an in-process function (benchmarks and tests add probes this way). */
    public void register(String name, RequestStreamHandler handler) {
        register(name, new Lazy<>(() -> handler));
    }

    private void register(String name, Lazy<RequestStreamHandler> handler) {
        handlers.put(name, handler);
        permits.put(name, new Semaphore(concurrency));
    }

    /**
     * Builds every built-in function not built yet and renders their emails once
     * ({@link MailRendering}), and returns when done: the start-up training run calls it so their
     * classes land in the class-data archive.
     *
     * @throws RuntimeException what a function's construction or a template threw (tried again on the first invocation)
     */
    public void warmUp() {
        handlers.values().forEach(Lazy::get);
        MailRendering.rehearse(environment.get());
    }

    /**
     * {@link #warmUp()} on a background thread, then {@code andThen} on it (what else a first
     * event would otherwise pay for), so a first event finds its function built; a failure waits
     * for that event.
     */
    public void warmUpInBackground(Runnable andThen) {
        Thread warming = new Thread(() -> {
            try {
                warmUp();
            } catch (RuntimeException e) {
                LOG.warn("building the built-in functions or rendering their emails ahead of the first event failed; the first invocation tries again", e);
            }
            try {
                andThen.run();
            } catch (RuntimeException e) {
                LOG.debug("warming up ahead of the first event failed; the first event does it", e);
            }
        }, "function-warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    /**
     * Serves the functions users deploy ({@code create-function}) besides the built-in ones; they run
     * as local processes whose SDK calls go to {@code endpoint}. A built-in function's name wins.
     */
    /**
     * Runs user functions from now on: their SDKs call {@code endpoint}, and X-Ray SDKs send
     * segments to {@code xrayDaemonAddress} ({@code host:port}, as Lambda's daemon address reads).
     */
    public void serve(UserFunctions functions, java.net.URI endpoint, String xrayDaemonAddress) {
        this.userInvoker = new UserInvoker(functions, endpoint, xrayDaemonAddress, region, concurrency);
        this.users = functions;
        functions.urls().bind(this, endpoint);
    }

    String account() {
        return account;
    }

    /** The functions users deploy, once {@link #serve} was called; else null. */
    UserFunctions userFunctions() {
        return users;
    }

    /** The built-in (in-process) functions, which the control plane describes but never changes. */
    public boolean isBuiltIn(String name) {
        return handlers.containsKey(name);
    }

    /** Hands every finished invocation (ok or failed; not throttled nor unknown ones, which never ran) to {@code recorder}. */
    public void recordInvocations(Consumer<Invocation> recorder) {
        this.recorder.recordTo(recorder);
    }

    /** Built-in and user functions, sorted. */
    public Collection<String> names() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(handlers.keySet());
        UserFunctions u = users;
        if (u != null) {
            names.addAll(u.names());
        }
        return names;
    }

    public boolean exists(String name) {
        UserFunctions u = users;
        return handlers.containsKey(name) || (u != null && u.exists(name));
    }

    public String arn(String name) {
        return arn(region, account, name);
    }

    public static String arn(String region, String account, String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    public Optional<HiringFunction> describe(String name) {
        return HiringFunction.named(name);
    }

    public byte[] invoke(String name, byte[] payload) {
        return invoke(name, payload, null);
    }

    /**
     * Invokes {@code name} with {@code payload}; returns the function's output.
     *
     * @throws FunctionError when the function throws, times out, is throttled or does not exist
     */
    public byte[] invoke(String name, byte[] payload, String traceHeader) {
        return invoke(name, payload, traceHeader, invocation -> { });
    }

    /**
     * As {@link #invoke(String, byte[], String)}, and hands {@code observer} this call's finished
     * {@link Invocation} (its log lines and REPORT) before returning or throwing, as Lambda's
     * {@code LogType=Tail} needs.
     */
    public byte[] invoke(String name, byte[] payload, String traceHeader, Consumer<Invocation> observer) {
        return invoke(name, null, payload, traceHeader, observer);
    }

    /** As {@link #invoke(String, byte[], String, Consumer)}, of the version or alias {@code qualifier} (null: $LATEST). */
    public byte[] invoke(String name, String qualifier, byte[] payload, String traceHeader, Consumer<Invocation> observer) {
        Lazy<RequestStreamHandler> builtIn = handlers.get(name);
        UserFunctions u = users;
        if (builtIn == null && u != null && u.exists(name)) {
            return invokeUser(u, name, qualifier, payload, traceHeader, observer);
        }
        if (builtIn == null || (qualifier != null && !qualifier.equals(FunctionConfiguration.LATEST))) {
            throw new FunctionError("ResourceNotFoundException", "Function not found: " + arn(name)
                    + (qualifier == null ? "" : ":" + qualifier), false, null);
        }
        BuiltInCall call = begin(name, builtIn, traceHeader);
        Future<?> running;
        try {
            running = invocations.submit(() -> {
                call.run(payload);
                return null;
            });
        } catch (RuntimeException e) {
            call.slots().release();
            call.span().end();
            throw new FunctionError("ServiceException", "Cannot start " + name + ": " + e.getMessage(), true, e);
        }
        try {
            running.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return succeeded(call, observer);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw timedOut(call, observer);
        } catch (ExecutionException e) {
            throw failed(call, FunctionError.from(e.getCause()), observer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            throw failed(call, new FunctionError("Interrupted", "The invocation was interrupted", true, e), observer);
        } finally {
            call.span().end();
        }
    }

    /**
     * Invokes {@code name} as {@link #invoke(String, byte[], String)} does, but runs a built-in
     * function on the calling thread instead of handing it to a thread of its own and waiting: the
     * dispatcher's way, which saves two thread switches per delivery. Should the function run past
     * its timeout, the calling thread is interrupted, the invocation ends as {@code Sandbox.Timedout}
     * on another thread (the {@link Watchdog} hands it to the function pool), which hands that error
     * to {@code timedOut}, and this call returns null once the function returns at last (its output
     * dropped, as Lambda drops it). A user function runs as {@code invoke} runs it: its own process
     * keeps its timeout.
     *
     * @throws FunctionError when the function throws, is throttled or does not exist (not when it times out)
     */
    public byte[] invokeHere(String name, byte[] payload, String traceHeader, Consumer<FunctionError> timedOut) {
        Lazy<RequestStreamHandler> builtIn = handlers.get(name);
        if (builtIn == null) {
            byte[] output = invoke(name, payload, traceHeader);
            return output == null ? new byte[0] : output; // null means let go, only
        }
        if (invocations.isShutdown()) { // the watchdog has stopped too
            throw new FunctionError("ServiceException", "Cannot start " + name + ": the local Lambda service is stopping", true, null);
        }
        BuiltInCall call = begin(name, builtIn, traceHeader);
        Consumer<Invocation> observer = invocation -> { };
        Watchdog.Watched watched = watchdog.watch(call.started() + timeoutMillis * 1_000_000, () -> {
            FunctionError error;
            try {
                error = timedOut(call, observer);
            } finally {
                call.span().end();
            }
            timedOut.accept(error);
        });
        Throwable thrown = null;
        try {
            call.run(payload);
        } catch (Throwable t) { // as the hand-off's Future caught it: what a handler throws fails its invocation, not the caller
            thrown = t;
        }
        if (!watched.end()) {
            return null;
        }
        try {
            if (thrown != null) {
                throw failed(call, FunctionError.from(thrown), observer);
            }
            return succeeded(call, observer);
        } finally {
            call.span().end();
        }
    }

    /**
     * Starts an invocation of a built-in function: builds it if needed, takes one of its concurrency
     * permits (released when {@link BuiltInCall#run} returns), opens its span.
     *
     * @throws FunctionError when the function cannot be built or runs {@code concurrency} invocations already
     */
    private BuiltInCall begin(String name, Lazy<RequestStreamHandler> builtIn, String traceHeader) {
        RequestStreamHandler handler;
        try {
            handler = builtIn.get();
        } catch (RuntimeException e) {
            throw FunctionError.from(e);
        }
        Semaphore slots = permits.get(name);
        if (!slots.tryAcquire()) {
            throw new FunctionError("TooManyRequestsException", "Rate Exceeded: " + name + " already runs "
                    + concurrency + " invocations (its concurrency limit)", true, null);
        }
        String requestId = requestIds.next(System.currentTimeMillis());
        Span span = tracing.start("invoke " + name, traceHeader, SpanKind.SERVER);
        span.setAttribute("faas.invocation_id", requestId);
        span.setAttribute("faas.name", name);
        LocalContext context = new LocalContext(requestId, name, arn(name), MEMORY_MB, System.currentTimeMillis() + timeoutMillis,
                BusTracing.headerFor(traceHeader, span));
        return new BuiltInCall(handler, slots, span, context, System.currentTimeMillis(), System.nanoTime());
    }

    private byte[] succeeded(BuiltInCall call, Consumer<Invocation> observer) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} succeeded in {} ms", call.context().getFunctionName(), call.context().getAwsRequestId(),
                    (System.nanoTime() - call.started()) / 1_000_000);
        }
        recorder.record(call.context(), call.startedAt(), call.started(), null, observer, InvocationRecorder.Run.BUILT_IN);
        return call.out().toByteArray();
    }

    private FunctionError failed(BuiltInCall call, FunctionError error, Consumer<Invocation> observer) {
        return recorder.failed(call.context(), call.startedAt(), call.started(), call.span(), error, observer);
    }

    private FunctionError timedOut(BuiltInCall call, Consumer<Invocation> observer) {
        FunctionError error = new FunctionError("Sandbox.Timedout", "Task timed out after "
                + String.format(Locale.ROOT, "%.2f", timeoutMillis / 1000.0) + " seconds", true, null);
        // Lambda's own line for a timeout (https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html)
        call.context().runtimeLine(Instant.now() + " " + call.context().getAwsRequestId() + " " + error.getMessage());
        return failed(call, error, observer);
    }

    /** A user function: its own timeout, memory and concurrency, run in an execution environment. */
    private byte[] invokeUser(UserFunctions u, String name, String qualifier, byte[] payload, String traceHeader,
                              Consumer<Invocation> observer) {
        FunctionConfiguration configuration;
        try {
            configuration = u.resolve(name, qualifier);
        } catch (dev.miniats.local.aws.AwsException e) {
            throw new FunctionError("ResourceNotFoundException", e.getMessage(), false, null);
        }
        String requestId = requestIds.next(System.currentTimeMillis());
        Span span = tracing.start("invoke " + name, traceHeader, SpanKind.SERVER);
        span.setAttribute("faas.invocation_id", requestId);
        span.setAttribute("faas.name", name);
        long deadline = System.currentTimeMillis() + configuration.timeoutSeconds() * 1000L;
        String invokedArn = qualifier == null ? arn(name) : arn(name) + ":" + qualifier;
        LocalContext context = new LocalContext(requestId, name, invokedArn, configuration.memoryMb(), deadline,
                BusTracing.headerFor(traceHeader, span));
        long startedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        try {
            dev.miniats.local.lambda.runtime.InvokeOutcome outcome = userInvoker.invoke(configuration,
                    new dev.miniats.local.lambda.runtime.InvokeRequest(requestId, payload, configuration.timeoutSeconds() * 1000L, invokedArn,
                            context.getXrayTraceHeader()), line -> context.getLogger().log(line));
            InvocationRecorder.Run run = new InvocationRecorder.Run(configuration.version(), outcome.initDurationMs(),
                    outcome.maxMemoryUsedMb());
            if (outcome.failed()) {
                // a function error is retryable (an asynchronous or bus invoke is tried again), as Lambda retries it
                throw recorder.failed(context, startedAt, started, span, new FunctionError(outcome.errorType(), outcome.errorMessage(),
                        true, null, outcome.errorDocument()), observer, run);
            }
            recorder.record(context, startedAt, started, null, observer, run);
            return outcome.response();
        } catch (dev.miniats.local.lambda.runtime.ProcessRuntime.ConcurrencyLimitExceededException e) {
            span.setStatus(StatusCode.ERROR, "TooManyRequestsException");
            throw new FunctionError("TooManyRequestsException", e.getMessage(), true, null);
        } finally {
            span.end();
        }
    }

    @Override
    public void close() {
        watchdog.close();
        invocations.shutdownNow();
    }
}
