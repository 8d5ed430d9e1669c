package dev.miniats.local.console;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Tells open console pages that something changed, over server-sent events
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html). It watches the store's change
 * stamp rather than hooking the bus, so it sees every writer alike: the console, the AWS CLI, an
 * SDK, the dispatcher and the mail sender. Pages then re-fetch their live parts with htmx.
 *
 * <p>Each stream holds its request thread and writes a comment every couple of seconds, so a
 * closed tab or a stopping server ends it at the next write. (Javalin's async SSE client kept
 * writing to recycled requests after tabs closed.) Thread-safe.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    static final String EVENT = "ats-change";
    private static final long STEP_MILLIS = 250;
    private static final long KEEP_ALIVE_MILLIS = 2_000;

    private final Supplier<String> stamp;
    private final AtomicInteger listeners = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-live-feed");
        t.setDaemon(true);
        return t;
    });
    private volatile String current = "";
    private volatile boolean open = true;

    LiveFeed(Supplier<String> stamp) {
        this.stamp = stamp;
        timer.scheduleWithFixedDelay(this::tick, 0, STEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Serves one page's stream until the page goes away or the feed closes. */
    void stream(Context ctx) throws IOException {
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-store");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        listeners.incrementAndGet();
        try {
            String seen = current;
            // Catch up first: a change between this page's render and this stream's connect may
            // already be in the snapshot (another page's stream kept the poller ticking), so it
            // would never be announced. One refresh on connect closes that gap.
            write(out, "retry: 1000\nevent: " + EVENT + "\ndata: " + seen + "\n\n: connected\n\n");
            long quietSince = System.nanoTime();
            while (open) {
                Thread.sleep(STEP_MILLIS);
                String now = current;
                if (!now.equals(seen)) {
                    seen = now;
                    write(out, "event: " + EVENT + "\ndata: " + now + "\n\n");
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > KEEP_ALIVE_MILLIS * 1_000_000) {
                    write(out, ": still here\n\n");
                    quietSince = System.nanoTime();
                }
            }
        } catch (IOException e) {
            LOG.debug("live feed stream ended: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listeners.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void tick() {
        if (listeners.get() == 0) {
            return;
        }
        try {
            current = stamp.get();
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule: log and try again on the next one.
            LOG.warn("live feed tick failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        open = false;
        timer.shutdownNow();
    }
}
