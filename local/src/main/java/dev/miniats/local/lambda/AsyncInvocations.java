package dev.miniats.local.lambda;

import dev.miniats.local.lambda.AsyncQueueStore.QueuedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lambda's asynchronous invocation ({@code InvocationType=Event}): the event is queued and the
 * caller answered 202 at once; a function error is retried, one minute and then two minutes later,
 * as many times as the function's event invoke configuration allows (two by default), and a throttled
 * attempt goes back to the queue without using up a retry, until the event is older than its maximum
 * age (six hours by default) (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html).
 * A success and a final failure are reported to the configured destinations ({@link AsyncOutcomes});
 * a final failure also goes to the function's dead-letter queue. Delays and ages are multiplied by
 * {@code timeScale}. The queue is in SQLite ({@link AsyncQueueStore}): an event is committed before
 * the 202, and events still queued or waiting for a retry when the runtime stops are taken up again
 * when it starts, each at the time it was due (at least once: an attempt cut short by the stop runs
 * again, and a record is sent before its event leaves the queue). Thread-safe.
 */
final class AsyncInvocations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    static final long FIRST_RETRY_MILLIS = 60_000;
    static final long THROTTLE_RETRY_MILLIS = 1_000;

    private final FunctionRegistry functions;
    private final AsyncQueueStore store;
    private final EventInvokeConfigStore configs;
    private final AsyncOutcomes outcomes;
    private final Clock clock;
    private final double timeScale;
    private final ScheduledExecutorService queue;

    /** Starts working off the events {@code store} kept from before a restart. */
    AsyncInvocations(FunctionRegistry functions, AsyncQueueStore store, EventInvokeConfigStore configs, AsyncDestinations destinations,
                     Clock clock, double timeScale) {
        this.functions = functions;
        this.store = store;
        this.configs = configs;
        this.clock = clock;
        this.timeScale = timeScale;
        this.outcomes = new AsyncOutcomes(functions, destinations, this::submit, clock);
        AtomicInteger n = new AtomicInteger();
        this.queue = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "lambda-async-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (QueuedEvent event : store.all()) {
            schedule(event);
        }
    }

    /** Queues one event durably; returns once it is committed (Lambda's 202 acknowledges a stored event). */
    void submit(String function, String qualifier, byte[] payload, String traceHeader) {
        long now = clock.millis();
        QueuedEvent event = new QueuedEvent(UUID.randomUUID().toString(), function, qualifier, payload, traceHeader, 0, now, now);
        store.add(event);
        schedule(event);
    }

    private void schedule(QueuedEvent event) {
        try {
            queue.schedule(() -> attempt(event), Math.max(0, event.dueAt() - clock.millis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("the runtime is stopping: the asynchronous invocation {} of {} stays queued", event.id(), event.function());
        }
    }

    private long later(long millis) {
        return clock.millis() + Math.round(millis * timeScale);
    }

    private void attempt(QueuedEvent event) {
        try {
            EventInvokeConfig config = config(event);
            boolean tooOld = clock.millis() - event.queuedAt() > Math.round(config.maxAgeMillis() * timeScale);
            if (tooOld) {
                LOG.warn("asynchronous invocation of {} is older than its maximum event age and is discarded", event.function());
                outcomes.failed(event, config, DestinationRecord.EVENT_AGE_EXCEEDED, null, null);
                store.remove(event.id());
                return;
            }
            run(event, config);
        } catch (RuntimeException e) {
            // the store failed (or is closed while stopping): the row stays, so a restart tries the event again
            LOG.warn("asynchronous invocation {} of {} stays queued for the next start: {}", event.id(), event.function(), e.toString());
        }
    }

    private void run(QueuedEvent event, EventInvokeConfig config) {
        AtomicReference<Invocation> ran = new AtomicReference<>();
        byte[] response;
        try {
            response = functions.invoke(event.function(), event.qualifier(), event.payload(), event.traceHeader(), ran::set);
        } catch (FunctionError e) {
            if ("TooManyRequestsException".equals(e.errorType())) {
                reschedule(event.dueAt(later(THROTTLE_RETRY_MILLIS)));
            } else if (e.retryable() && event.retries() < config.retries()) {
                LOG.info("asynchronous invocation of {} failed ({}: {}); retry {} of {}", event.function(), e.errorType(),
                        e.getMessage(), event.retries() + 1, config.retries());
                reschedule(event.retried(later(FIRST_RETRY_MILLIS << event.retries())));
            } else {
                LOG.warn("asynchronous invocation of {} failed after {} attempt(s) and is given up: {}: {}", event.function(),
                        event.retries() + 1, e.errorType(), e.getMessage());
                outcomes.failed(event, config, DestinationRecord.RETRIES_EXHAUSTED, ran.get(), e);
                store.remove(event.id());
            }
            return;
        }
        outcomes.succeeded(event, config, ran.get(), response);
        store.remove(event.id());
    }

    /** The configuration of the version or alias invoked, else of the function's $LATEST, else Lambda's defaults. */
    private EventInvokeConfig config(QueuedEvent event) {
        String qualifier = event.qualifier() == null ? FunctionConfiguration.LATEST : event.qualifier();
        return configs.get(event.function(), qualifier).orElseGet(EventInvokeConfig::defaults);
    }

    private void reschedule(QueuedEvent next) {
        store.update(next);
        schedule(next);
    }

    @Override
    public void close() {
        queue.shutdownNow();
    }
}
