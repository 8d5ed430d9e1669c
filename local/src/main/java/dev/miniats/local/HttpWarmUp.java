package dev.miniats.local;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Starts and stops a throwaway Javalin server on loopback, on a thread of its own, while the boot
 * thread opens the store and builds the services. Loading and initialising Javalin and Jetty
 * (~1,100 classes, their static state, the time-zone providers the {@code Date} header loads) is
 * the largest single step of a start and needs nothing from the rest of the boot, so on a second
 * core it costs the start nothing; the runtime's own server then starts from initialised classes.
 * {@code -Dats.http-warm-up=false} turns it off (to measure it). A failure here only means no
 * head start: it is logged at debug and never fails the start. Thread-safe.
 */
final class HttpWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpWarmUp.class);
    private static final boolean ENABLED = !"false".equals(System.getProperty("ats.http-warm-up"));
    private final Thread thread;

    private HttpWarmUp(Thread thread) {
        this.thread = thread;
    }

    static HttpWarmUp start() {
        Thread thread = new Thread(HttpWarmUp::run, "http-warm-up");
        thread.setDaemon(true);
        if (ENABLED) {
            thread.start();
        }
        return new HttpWarmUp(thread);
    }

    private static void run() {
        try {
            Javalin app = Javalin.create(config -> {
                config.jetty.host = "127.0.0.1";
                config.jetty.port = 0;
                config.startup.showJavalinBanner = false;
                config.routes.get("/", ctx -> ctx.result("warm"));
            });
            app.start();
            app.stop();
        } catch (RuntimeException e) {
            LOG.debug("HTTP warm-up failed; the server starts without a head start: {}", e.toString());
        }
    }

    /**
     * Waits (at most 10 s) until the warm-up is over, before the boot thread builds the
     * real server: two threads initialising the same library's classes at once could each wait
     * for a class the other is initialising.
     */
    void awaitDone() {
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
