package dev.miniats.local.events.delivery;

import dev.miniats.local.events.EventLog;
import dev.miniats.local.tracing.BusTracing;

import dev.miniats.local.lambda.FunctionError;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Delivers committed events to their targets, off the request thread, at least once per
 * (event, rule, target). A failed attempt is retried with exponential backoff and full jitter
 * until the target's retry policy runs out (attempts or event age), then dead-lettered; a
 * {@link FunctionError#retryable() permanent} failure is dead-lettered at once.
 *
 * <p>Every state change is written to the {@link EventLog} before the next step, so a restart
 * resumes the pending deliveries ({@link #start()}). Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final long BASE_BACKOFF_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 300_000;

    /** Invokes one target with one event. */
    @FunctionalInterface
    public interface Invoker {
        /**
         * Returns the function's output, or throws {@link FunctionError} when it fails. It may run
         * the function on the calling thread: should the function then pass its timeout,
         * {@code timedOut} is handed the timeout error on another thread, and this call returns
         * null when the function returns at last.
         */
        byte[] invoke(String function, byte[] event, String traceHeader, Consumer<FunctionError> timedOut);
    }

    /**
     * What AWS checks before a rule may invoke a function: its resource policy. Answers why the
     * delivery would be refused, or null when it is allowed.
     */
    @FunctionalInterface
    public interface PermissionCheck {
        String refusal(Delivery delivery);
    }

    private final BusTracing tracing;
    private volatile PermissionCheck permissions = delivery -> null;
    private volatile boolean enforcePermissions;
    private volatile TargetSender otherTargets = TargetSender.NONE;
    private volatile DeadLetterSink deadLetters = DeadLetterSink.NONE;

    private final EventLog log;
    private final Invoker invoker;
    private final Clock clock;
    private final double timeScale;
    private final Workers workers;
    private final ScheduledExecutorService timer;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile int perFunction = Integer.MAX_VALUE;
    private volatile boolean started;

    /**
     * @param timeScale multiplies every backoff delay: 1.0 is EventBridge's pace, 0.001 lets tests
     *                  run a whole retry schedule in moments
     */
    public Dispatcher(EventLog log, Invoker invoker, BusTracing tracing, Clock clock, double timeScale, int workerThreads) {
        this.log = log;
        this.tracing = tracing;
        this.invoker = invoker;
        this.clock = clock;
        this.timeScale = timeScale;
        AtomicInteger n = new AtomicInteger();
        this.workers = new Workers(workerThreads, r -> daemon(r, "delivery-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "delivery-timer"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Checks every delivery with {@code check}: a refused one is made anyway and flagged with the
     * refusal, or, when {@code enforce}, fails permanently (dead-lettered with it), as AWS does.
     */
    public void checkPermissions(PermissionCheck check, boolean enforce) {
        this.permissions = check;
        this.enforcePermissions = enforce;
    }

    /**
     * Runs at most {@code concurrency} attempts per function at once and queues the rest in order,
     * as Lambda queues an asynchronous invocation (EventBridge invokes asynchronously) rather than
     * failing it: without it a burst ran the function on every delivery thread, was throttled past
     * the function's concurrency, and each throttle cost a retry, a write and a log line.
     */
    public void limitPerFunction(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency is " + concurrency + "; expected at least 1");
        }
        this.perFunction = concurrency;
    }

    /** Sends to targets that are not functions with {@code otherTargets}, and dead letters to {@code deadLetters}. */
    public void sendTo(TargetSender otherTargets, DeadLetterSink deadLetters) {
        this.otherTargets = otherTargets;
        this.deadLetters = deadLetters;
    }

    /** Starts delivering: resumes every pending delivery left in the log, then takes new ones. */
    public void start() {
        started = true;
        List<Delivery> pending = log.pending();
        if (!pending.isEmpty()) {
            LOG.info("resuming {} pending deliveries", pending.size());
        }
        submit(pending);
    }

    /**
     * Sends dead letters back to their targets: the delivery {@code id}, or every dead letter when
     * it is null. Each becomes pending with a fresh attempt budget and is scheduled at once;
     * returns those redriven (empty when {@code id} is not dead-lettered).
     */
    public List<Delivery> redrive(Long id) {
        List<Delivery> redriven = log.redrive(id, clock.millis());
        submit(redriven);
        return redriven;
    }

    /** Schedules committed deliveries. Before {@link #start()} this does nothing: start reads them from the log. */
    public void submit(List<Delivery> deliveries) {
        if (!started) {
            return;
        }
        for (Delivery delivery : deliveries) {
            if (inFlight.add(delivery.id())) {
                schedule(delivery, Math.max(0, delivery.nextAttemptAt() - clock.millis()));
            }
        }
    }

    private void schedule(Delivery delivery, long delayMillis) {
        try {
            if (delayMillis <= 0) {
                run(delivery);
            } else {
                timer.schedule(() -> run(delivery), delayMillis, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            closed(delivery);
        }
    }

    private void closed(Delivery delivery) {
        inFlight.remove(delivery.id());
        LOG.debug("dispatcher closed; delivery {} stays pending for the next start", delivery.id());
    }

    /** Attempts {@code delivery} on a worker now, or after the attempts its function's lane is running. */
    private void run(Delivery delivery) {
        if (delivery.function() == null) {
            workers.execute(() -> attempt(delivery, null));
            return;
        }
        Lane lane = lanes.computeIfAbsent(delivery.function(), f -> new Lane());
        if (!lane.enter(delivery, perFunction)) {
            return; // queued: a worker of this lane takes it when an attempt ends
        }
        try {
            workers.execute(() -> drain(lane, delivery));
        } catch (RejectedExecutionException e) {
            lane.leave();
            throw e;
        }
    }

    /** Attempts {@code first}, then what queued behind it in {@code lane}, on this worker (no hand-off per delivery). */
    private void drain(Lane lane, Delivery first) {
        for (Delivery next = first; next != null; next = lane.next()) {
            if (!started) {
                closed(next);
                lane.abandon(this::closed);
                return;
            }
            boolean ended = false;
            try {
                boolean kept = attempt(next, lane);
                ended = true;
                if (!kept) {
                    return;
                }
            } finally {
                if (!ended) {
                    lane.leave(); // an Error escaped: this worker stops, and the lane must not count it
                }
            }
        }
    }

    /**
     * Attempts {@code delivery} on this worker. Returns false when its function ran past its timeout
     * on this worker: the attempt was then ended, and {@code lane} carried on, by another thread
     * ({@link #timedOut}), and this worker is let go.
     */
    private boolean attempt(Delivery delivery, Lane lane) {
        int attempt = delivery.attempts() + 1;
        Span span = tracing.start("deliver " + delivery.rule() + "/" + delivery.target(), delivery.traceHeader(), SpanKind.PRODUCER);
        span.setAttribute(BusTracing.EVENT_ID, delivery.eventId());
        span.setAttribute(BusTracing.RULE, delivery.rule());
        span.setAttribute(BusTracing.TARGET, delivery.target());
        span.setAttribute(BusTracing.ATTEMPT, (long) attempt);
        boolean letGo = false;
        try {
            byte[] output;
            if (delivery.function() == null) {
                output = otherTargets.send(delivery);
            } else {
                String refusal = permissions.refusal(delivery);
                if (refusal != null && enforcePermissions) {
                    throw new FunctionError("AccessDeniedException", refusal, false, null);
                }
                if (refusal != null) {
                    log.warn(delivery.id(), refusal);
                }
                output = invoker.invoke(delivery.function(), delivery.payload().getBytes(StandardCharsets.UTF_8),
                        BusTracing.headerFor(delivery.traceHeader(), span), error -> timedOut(delivery, attempt, span, error, lane));
                if (output == null) {
                    letGo = true;
                    return false;
                }
            }
            log.markDelivered(delivery.id(), attempt, truncate(new String(output, StandardCharsets.UTF_8)), clock.millis());
            inFlight.remove(delivery.id());
        } catch (FunctionError e) {
            BusTracing.fail(span, e.errorType(), String.valueOf(e.getMessage()));
            failed(delivery, attempt, e.errorType(), e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            // The store or the runtime itself failed: keep the delivery pending and retry it.
            LOG.error("delivery {} of event {} to {} could not complete", delivery.id(), delivery.eventId(), delivery.target(), e);
            BusTracing.fail(span, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            failed(delivery, attempt, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), true);
        } finally {
            if (letGo) {
                workers.letGo(-1); // back from the function: the worker that replaced this one may go
            } else {
                span.end();
            }
        }
        return true;
    }

    /**
     * Ends an attempt whose function ran past its timeout on a worker, on another thread while that
     * worker stays in the function, and carries the worker's lane on with a fresh worker.
     */
    private void timedOut(Delivery delivery, int attempt, Span span, FunctionError error, Lane lane) {
        try {
            BusTracing.fail(span, error.errorType(), String.valueOf(error.getMessage()));
            failed(delivery, attempt, error.errorType(), error.getMessage(), error.retryable());
        } finally {
            span.end();
            carryOn(lane);
        }
    }

    /** Gives the pool one more worker for one let go in a function, and the lane's next delivery to it. */
    private void carryOn(Lane lane) {
        Delivery next = lane.next();
        try {
            workers.letGo(1);
            if (next != null) {
                workers.execute(() -> drain(lane, next));
            }
        } catch (RuntimeException | Error e) { // closed, or no thread to be had: what the lane holds stays pending in the log
            if (next != null) {
                closed(next);
                lane.abandon(this::closed);
            }
            if (!(e instanceof RejectedExecutionException)) {
                LOG.error("cannot carry on the deliveries to a function whose invocation timed out; they stay pending", e);
            }
        }
    }

    /** How many threads the delivery pool may run now (tests). */
    int workerPoolSize() {
        return workers.size();
    }

    private void failed(Delivery delivery, int attempt, String code, String message, boolean retryable) {
        long now = clock.millis();
        String shortMessage = truncate(message);
        try {
            long next = now + backoff(attempt);
            if (retryable && attempt < delivery.maxAttempts() && next <= delivery.expiresAt()) {
                log.scheduleRetry(delivery.id(), attempt, next, code, shortMessage, now);
                LOG.info("event {} to {} failed (attempt {}/{}), retrying in {} ms: {}: {}", delivery.eventId(),
                        delivery.target(), attempt, delivery.maxAttempts(), next - now, code, shortMessage);
                schedule(delivery.retry(attempt, next), next - now);
                return;
            }
            log.markDead(delivery.id(), attempt, code, shortMessage, now);
            LOG.warn("event {} to {} dead-lettered after {} attempt(s){}: {}: {}", delivery.eventId(), delivery.target(),
                    attempt, retryable ? "" : " (permanent error)", code, shortMessage);
            inFlight.remove(delivery.id());
            sendToDeadLetters(delivery, attempt, code, shortMessage,
                    !retryable ? null : attempt >= delivery.maxAttempts() ? "MaximumRetryAttempts" : "MaximumEventAgeInSeconds");
        } catch (RuntimeException storeFailure) {
            LOG.error("cannot record the outcome of delivery {}; it stays pending for the next start", delivery.id(), storeFailure);
            inFlight.remove(delivery.id());
        }
    }

    private void sendToDeadLetters(Delivery delivery, int attempt, String code, String message, String exhausted) {
        try {
            deadLetters.deadLettered(delivery, attempt, code, message, exhausted);
        } catch (RuntimeException e) {
            LOG.error("dead letter of delivery {} could not be sent on; it stays recorded as dead", delivery.id(), e);
        }
    }

    /** Exponential backoff with "equal jitter" (half fixed, half random), scaled (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). */
    long backoff(int failedAttempts) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(failedAttempts - 1, 20));
        long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        return Math.max(1, Math.round(jittered * timeScale));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4096 ? text : text.substring(0, 4093) + "...";
    }

    @Override
    public void close() {
        started = false;
        timer.shutdownNow();
        workers.close();
    }
}
