package dev.miniats.local.lambda;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationTest {

    @Test
    void billed_duration_is_the_shown_duration_rounded_up_to_a_millisecond() {
        assertThat(billed(52.001)).isEqualTo(52); // shown as 52.00 ms
        assertThat(billed(52.006)).isEqualTo(53); // shown as 52.01 ms
        assertThat(billed(0.2)).isEqualTo(1);
        assertThat(billed(1999.999)).isEqualTo(2000);
    }

    private static long billed(double durationMs) {
        return new Invocation(0, "r", "f", 0, durationMs, 1024, null, null, null, null, null, List.of(), false).billedDurationMs();
    }
}
