package dev.miniats.local.lambda.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs user functions as local processes, as Lambda runs execution environments: one is started
 * on an invoke that finds none idle (a cold start), reused while warm, as many at once as the
 * function's concurrency allows (beyond it the invoke is throttled), and stopped after
 * {@code idleTimeout} unused; one whose processes pass its MemorySize is killed. Thread-safe.
 */
public final class ProcessRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
    /** How often busy environments' memory is read: often enough to stop a runaway allocation within tens of MB. */
    private static final long MEMORY_SAMPLE_MILLIS = 50;

    /** Thrown when a function already runs as many invocations as its concurrency allows; Lambda's 429. */
    public static final class ConcurrencyLimitExceededException extends RuntimeException {
        public ConcurrencyLimitExceededException(String message) {
            super(message);
        }
    }

    private final Launcher launcher;
    private final Interpreters interpreters;
    private final Duration idleTimeout;
    private final ExecutorService threads;
    private final ScheduledExecutorService reaper;
    /** Idle environments per function and configuration ({@link FunctionSpec#key()}). */
    private final Map<String, Deque<ExecutionEnvironment>> idle = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    /** Every environment not yet stopped, busy or idle, so {@link #close} stops them all. */
    private final java.util.Set<ExecutionEnvironment> live = ConcurrentHashMap.newKeySet();

    /**
     * @param cacheDir    where the Node.js SDK, the Java RIC and the bootstraps are kept (shared by data directories)
     * @param settings    PATH (where interpreters are looked up, handed to functions) and the {@code ATS_LAMBDA_*}
     *                    settings naming interpreters ({@link Interpreters}); normally this process's environment
     * @param idleTimeout how long an unused environment stays warm
     */
    public ProcessRuntime(Path cacheDir, Map<String, String> settings, Duration idleTimeout) {
        this.interpreters = new Interpreters(settings, Path.of("/usr/lib/jvm"));
        this.launcher = new Launcher(cacheDir, interpreters);
        this.idleTimeout = idleTimeout;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> daemon(r, "lambda-env-" + n.incrementAndGet()));
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lambda-env-reaper"));
        long every = Math.max(100, Math.min(5_000, idleTimeout.toMillis() / 2));
        reaper.scheduleWithFixedDelay(this::stopIdle, every, every, TimeUnit.MILLISECONDS);
        reaper.scheduleWithFixedDelay(this::checkMemory, MEMORY_SAMPLE_MILLIS, MEMORY_SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Why {@code runtime} cannot run on this machine (naming what to install), or empty. */
    public Optional<String> missing(LambdaRuntime runtime) {
        return interpreters.missing(runtime);
    }

    /** Gets what {@code runtime} needs ready before its first invoke (the Node.js SDK install). */
    public void prepare(LambdaRuntime runtime) {
        launcher.prepare(runtime);
    }

    /**
     * Runs {@code request} in a warm environment of {@code spec}, or a new one.
     *
     * @throws ConcurrencyLimitExceededException when the function already runs {@code concurrency} invocations
     */
    public InvokeOutcome invoke(FunctionSpec spec, int concurrency, InvokeRequest request, Consumer<String> logs) {
        AtomicInteger inFlight = running.computeIfAbsent(spec.functionName(), k -> new AtomicInteger());
        if (inFlight.incrementAndGet() > concurrency) {
            inFlight.decrementAndGet();
            throw new ConcurrencyLimitExceededException("Rate Exceeded. " + spec.functionName() + " already runs " + concurrency
                    + " invocation(s), its concurrency limit");
        }
        try {
            ExecutionEnvironment env = takeIdle(spec);
            if (env == null) {
                try {
                    env = start(spec);
                } catch (Launcher.LaunchException e) {
                    logs.accept(e.getMessage());
                    return InvokeOutcome.failure(e.errorType(), e.getMessage());
                }
            }
            InvokeOutcome outcome = env.invoke(request, logs);
            if (env.alive()) {
                idle.computeIfAbsent(poolKey(spec), k -> new ArrayDeque<>());
                Deque<ExecutionEnvironment> pool = idle.get(poolKey(spec));
                synchronized (pool) {
                    pool.push(env);
                }
            } else {
                env.close();
            }
            return outcome;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private ExecutionEnvironment takeIdle(FunctionSpec spec) {
        Deque<ExecutionEnvironment> pool = idle.get(poolKey(spec));
        if (pool == null) {
            return null;
        }
        synchronized (pool) {
            while (!pool.isEmpty()) {
                ExecutionEnvironment env = pool.pop();
                if (env.alive()) {
                    return env;
                }
                env.close();
            }
        }
        return null;
    }

    private ExecutionEnvironment start(FunctionSpec spec) {
        retireOtherConfigurations(spec);
        Launcher.Launch launch = launcher.launch(spec);
        try {
            ExecutionEnvironment env = new ExecutionEnvironment(spec, launch.command(), launch.environment(), threads);
            started.incrementAndGet();
            if (launch.warning() != null) {
                LOG.warn("{}: {}", spec.functionName(), launch.warning());
                env.log(launch.warning());
            }
            live.add(env);
            env.onClose(() -> live.remove(env));
            LOG.debug("started an execution environment of {}:{} ({})", spec.functionName(), spec.version(), spec.runtime().id());
            return env;
        } catch (IOException e) {
            throw new Launcher.LaunchException("Runtime.Unavailable", "Cannot start " + launch.command().get(0) + ": " + e.getMessage());
        }
    }

    /** A warm environment started with an older configuration of the same version is never used again. */
    private void retireOtherConfigurations(FunctionSpec spec) {
        String prefix = spec.functionName() + ":" + spec.version() + "@";
        idle.keySet().removeIf(key -> {
            if (key.startsWith(prefix) && !key.equals(poolKey(spec))) {
                stopAll(idle.get(key));
                return true;
            }
            return false;
        });
    }

    /** Stops every idle environment of {@code functionName} (after it is deleted or its code changed). */
    public void retire(String functionName) {
        String prefix = functionName + ":";
        idle.keySet().removeIf(key -> {
            if (key.startsWith(prefix)) {
                stopAll(idle.get(key));
                return true;
            }
            return false;
        });
    }

    /** Execution environments started since this runtime began (cold starts), for tests and benchmarks. */
    public int environmentsStarted() {
        return started.get();
    }

    private static String poolKey(FunctionSpec spec) {
        return spec.functionName() + ":" + spec.version() + "@" + spec.key();
    }

    private void stopIdle() {
        long limit = idleTimeout.toNanos();
        for (Deque<ExecutionEnvironment> pool : idle.values()) {
            List<ExecutionEnvironment> stale = new ArrayList<>();
            synchronized (pool) {
                pool.removeIf(env -> {
                    if (!env.alive() || env.idleNanos() > limit) {
                        stale.add(env);
                        return true;
                    }
                    return false;
                });
            }
            stale.forEach(ExecutionEnvironment::close);
        }
    }

    private void checkMemory() {
        try {
            live.forEach(ExecutionEnvironment::checkMemory);
        } catch (RuntimeException e) {
            // a failed reading must not cancel the sampler's schedule
            LOG.warn("cannot read the memory of an execution environment: {}", e.toString());
        }
    }

    private static void stopAll(Deque<ExecutionEnvironment> pool) {
        if (pool == null) {
            return;
        }
        List<ExecutionEnvironment> all;
        synchronized (pool) {
            all = new ArrayList<>(pool);
            pool.clear();
        }
        all.forEach(ExecutionEnvironment::close);
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        idle.values().forEach(ProcessRuntime::stopAll);
        idle.clear();
        List.copyOf(live).forEach(ExecutionEnvironment::close);
        threads.shutdownNow();
    }
}
