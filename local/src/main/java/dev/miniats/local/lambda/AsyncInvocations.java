package dev.miniats.local.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * by {@code timeScale}. The queue is in memory: events queued when the runtime stops are lost,
 * which the README states. Thread-safe.
 */
final class AsyncInvocations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    static final int MAX_RETRIES = 2;
    static final long FIRST_RETRY_MILLIS = 60_000;
    static final long THROTTLE_RETRY_MILLIS = 1_000;
    static final long MAX_AGE_MILLIS = 6 * 3600_000L;

    private final FunctionRegistry functions;
    private final double timeScale;
    private final ScheduledExecutorService queue;

    AsyncInvocations(FunctionRegistry functions, double timeScale) {
        this.functions = functions;
        this.timeScale = timeScale;
        AtomicInteger n = new AtomicInteger();
        this.queue = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "lambda-async-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void submit(String function, String qualifier, byte[] payload, String traceHeader) {
        schedule(new Queued(function, qualifier, payload, traceHeader, 0, System.currentTimeMillis()), 0);
    }

    private record Queued(String function, String qualifier, byte[] payload, String traceHeader, int retries, long queuedAt) {
    }

    private void schedule(Queued event, long delayMillis) {
        try {
            queue.schedule(() -> attempt(event), Math.round(delayMillis * timeScale), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("the runtime is stopping: dropped an asynchronous invocation of {}", event.function());
        }
    }

    private void attempt(Queued event) {
        try {
            functions.invoke(event.function(), event.qualifier(), event.payload(), event.traceHeader(), invocation -> { });
        } catch (FunctionError e) {
            if ("TooManyRequestsException".equals(e.errorType())
                    && System.currentTimeMillis() - event.queuedAt() < MAX_AGE_MILLIS) {
                schedule(event, THROTTLE_RETRY_MILLIS);
            } else if (e.retryable() && event.retries() < MAX_RETRIES) {
                LOG.info("asynchronous invocation of {} failed ({}: {}); retry {} of {}", event.function(), e.errorType(),
                        e.getMessage(), event.retries() + 1, MAX_RETRIES);
                schedule(new Queued(event.function(), event.qualifier(), event.payload(), event.traceHeader(), event.retries() + 1,
                        event.queuedAt()), FIRST_RETRY_MILLIS << event.retries());
            } else {
                LOG.warn("asynchronous invocation of {} failed after {} attempt(s) and is discarded: {}: {}", event.function(),
                        event.retries() + 1, e.errorType(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        queue.shutdownNow();
    }
}
