package dev.miniats.local.console;

import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells open console pages that something changed, over server-sent events. It watches the
 * store's change stamp rather than hooking the bus, so it sees every writer alike: the console,
 * the AWS CLI, an SDK, the dispatcher and the mail sender. Pages then re-fetch their live parts.
 * Thread-safe.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    static final String EVENT = "ats-change";

    private final Supplier<String> stamp;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-live-feed");
        t.setDaemon(true);
        return t;
    });
    private volatile String last;

    LiveFeed(Supplier<String> stamp, long periodMillis) {
        this.stamp = stamp;
        timer.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
    }

    private void tick() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            String now = stamp.get();
            if (now.equals(last)) {
                return;
            }
            last = now;
            for (SseClient client : clients) {
                if (client.terminated()) {
                    clients.remove(client);
                } else {
                    client.sendEvent(EVENT, now);
                }
            }
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule: log and try again on the next one.
            LOG.warn("live feed tick failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
