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

/**
 * Lambda's asynchronous invocation ({@code InvocationType=Event}): the event is queued and the
 * caller answered 202 at once; a function error is retried twice, one minute and then two minutes
 * later, and a throttled attempt goes back to the queue without using up a retry, for up to six
 * hours (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html). Delays are multiplied
 * by {@code timeScale}. The queue is in SQLite ({@link AsyncQueueStore}): an event is committed before
 * the 202, and events still queued or waiting for a retry when the runtime stops are taken up again
 * when it starts, each at the time it was due (at least once: an attempt cut short by the stop runs
 * again). An event that fails its last retry is discarded with a warning: on-failure destinations and
 * dead-letter queues are not supported. Thread-safe.
 */
final class AsyncInvocations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    static final int MAX_RETRIES = 2;
    static final long FIRST_RETRY_MILLIS = 60_000;
    static final long THROTTLE_RETRY_MILLIS = 1_000;
    static final long MAX_AGE_MILLIS = 6 * 3600_000L;

    private final FunctionRegistry functions;
    private final AsyncQueueStore store;
    private final Clock clock;
    private final double timeScale;
    private final ScheduledExecutorService queue;

    /** Starts working off the events {@code store} kept from before a restart. */
    AsyncInvocations(FunctionRegistry functions, AsyncQueueStore store, Clock clock, double timeScale) {
        this.functions = functions;
        this.store = store;
        this.clock = clock;
        this.timeScale = timeScale;
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
            functions.invoke(event.function(), event.qualifier(), event.payload(), event.traceHeader(), invocation -> { });
            store.remove(event.id());
        } catch (FunctionError e) {
            if ("TooManyRequestsException".equals(e.errorType()) && clock.millis() - event.queuedAt() < MAX_AGE_MILLIS) {
                reschedule(event.dueAt(later(THROTTLE_RETRY_MILLIS)));
            } else if (e.retryable() && event.retries() < MAX_RETRIES) {
                LOG.info("asynchronous invocation of {} failed ({}: {}); retry {} of {}", event.function(), e.errorType(),
                        e.getMessage(), event.retries() + 1, MAX_RETRIES);
                reschedule(event.retried(later(FIRST_RETRY_MILLIS << event.retries())));
            } else {
                LOG.warn("asynchronous invocation of {} failed after {} attempt(s) and is discarded: {}: {}", event.function(),
                        event.retries() + 1, e.errorType(), e.getMessage());
                store.remove(event.id());
            }
        } catch (RuntimeException e) {
            // the store failed (or is closed while stopping): the row stays, so a restart tries the event again
            LOG.warn("asynchronous invocation {} of {} stays queued for the next start: {}", event.id(), event.function(), e.toString());
        }
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
