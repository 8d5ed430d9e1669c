package dev.miniats.local.events;

import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@link MatchingBenchmark}'s three cases (raw event-ruler from the JSON text, raw from the parsed
 * tree, the bus's {@code deliveriesFor}) in alternating rounds on one thread, timed by that
 * thread's CPU time rather than the wall clock. On a shared machine the JMH scores swing by ±200%
 * with the load; CPU time counts only the time this thread ran, and alternating the cases puts
 * each round of all three under the same conditions, so the ratios hold. A main program; not
 * thread-safe.
 *
 * <p>Run: {@code bench/run.sh matching-cpu}
 */
public final class MatchingCpuRatio {
    private static final String BLACKHOLE_CONSENT =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";
    private static final int EVENTS_PER_CALL = 16;

    private MatchingCpuRatio() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        MatchingBenchmark cases = new MatchingBenchmark();
        cases.setUp();
        Blackhole bh = new Blackhole(BLACKHOLE_CONSENT);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"raw event-ruler, from the JSON text", "raw event-ruler, from the parsed tree", "bus (deliveriesFor, untraced)"};
        List<List<Double>> micros = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try {
            for (int round = -5; round < rounds; round++) { // five rounds of warm-up
                for (int c = 0; c < names.length; c++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < calls; i++) {
                        switch (c) {
                            case 0 -> cases.rawEventRuler(bh);
                            case 1 -> cases.rawEventRulerFromTree(bh);
                            default -> cases.busUntraced(bh);
                        }
                    }
                    if (round >= 0) {
                        micros.get(c).add((threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / calls / EVENTS_PER_CALL);
                    }
                }
            }
        } finally {
            cases.tearDown();
        }
        double[] medians = new double[names.length];
        for (int c = 0; c < names.length; c++) {
            List<Double> sorted = new ArrayList<>(micros.get(c));
            Collections.sort(sorted);
            medians[c] = sorted.get(sorted.size() / 2);
            System.out.printf("%-40s median %.2f µs of CPU per event (%d rounds of %d events)%n", names[c], medians[c], rounds,
                    calls * EVENTS_PER_CALL);
        }
        System.out.printf("bus / raw from the tree = %.2f; bus / raw from the text = %.2f (target <= 1.2)%n",
                medians[2] / medians[1], medians[2] / medians[0]);
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", load average: "
                + String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3)));
    }
}
