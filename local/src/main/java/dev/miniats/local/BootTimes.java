package dev.miniats.local;

import java.util.ArrayList;
import java.util.List;

/**
 * How long each step of a start took, printed to stderr when the JVM runs with
 * {@code -Dats.boot-times=true} (for measuring the start; {@code ./ats} passes it on through
 * {@code ATS_JAVA_OPTS}). Costs one {@link System#nanoTime} per step otherwise. Not thread-safe:
 * one boot thread records it.
 */
final class BootTimes {
    static final boolean ENABLED = Boolean.getBoolean("ats.boot-times");
    private final List<String> steps = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the step that began at the previous call (or at construction) and names it. */
    void step(String name) {
        long now = System.nanoTime();
        if (ENABLED) {
            steps.add(String.format("%6.1f ms  %s", (now - last) / 1e6, name));
        }
        last = now;
    }

    void print() {
        if (ENABLED) {
            steps.forEach(s -> System.err.println("boot: " + s));
        }
    }
}
