package dev.miniats.local.lambda.runtime;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The meter counts a whole process tree, found through /proc's children files, as Lambda's sandbox limit covers it. */
class MemoryMeterTest {
    @Test
    void a_tree_reading_counts_the_children_and_grandchildren_of_the_process() throws Exception {
        Assumptions.assumeTrue(MemoryMeter.supported(), "needs /proc");
        // sh starts a second sh, which starts two sleeps: a child and two grandchildren
        Process process = new ProcessBuilder("sh", "-c", "sh -c 'sleep 30 & sleep 30 & wait' & wait").start();
        try {
            MemoryMeter meter = new MemoryMeter(process.toHandle());
            // wait until both sleeps have exec'ed: a forked shell not yet turned into sleep has another size
            await().atMost(10, TimeUnit.SECONDS).until(() -> process.toHandle().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("sleep")).count() == 2
                    && process.toHandle().descendants().count() == 3);
            // the sizes are read a moment apart from the meter's, so a busy machine gets a few tries
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                long rootOnly = MemoryMeter.rss(process.pid());
                long tree = meter.sampleTree();
                long expected = rootOnly + process.toHandle().descendants().mapToLong(p -> MemoryMeter.rss(p.pid())).sum();
                assertThat(tree).as("the root and its three descendants").isGreaterThan(rootOnly)
                        .isBetween(expected - expected / 10, expected + expected / 10);
            });
            assertThat(meter.peakMb()).isPositive();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
