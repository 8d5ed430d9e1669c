package dev.miniats.local.events.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One function's attempts: how many run, and the deliveries waiting for one of them to end, in
 * order. Thread-safe (its own monitor, held only to count and queue).
 */
final class Lane {
    private final Deque<Delivery> waiting = new ArrayDeque<>();
    private int running;

    /** True when the caller may run {@code delivery} now; false when it was queued. */
    synchronized boolean enter(Delivery delivery, int limit) {
        if (running >= limit) {
            waiting.add(delivery);
            return false;
        }
        running++;
        return true;
    }

    /** The next queued delivery for the worker whose attempt ended, or null (and one fewer runs). */
    synchronized Delivery next() {
        Delivery next = waiting.poll();
        if (next == null) {
            running--;
        }
        return next;
    }

    synchronized void leave() {
        running--;
    }

    /** At close: hands every queued delivery to {@code dropped} (they stay pending in the log) and stops counting this worker. */
    synchronized void abandon(Consumer<Delivery> dropped) {
        waiting.forEach(dropped);
        waiting.clear();
        running--;
    }
}
