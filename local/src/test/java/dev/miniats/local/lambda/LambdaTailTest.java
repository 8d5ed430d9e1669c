package dev.miniats.local.lambda;

import dev.miniats.local.lambda.Invocation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaTailTest {

    @Test
    void theTailIsTheLastFourKilobytesOfTheLogEndingWithTheReport() {
        List<Invocation.LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(new Invocation.LogLine(0, "line " + i + " " + "x".repeat(40)));
        }
        Invocation invocation = new Invocation(0, "11111111-2222-3333-4444-555555555555", "f", 0, 12.5, 1024,
                null, null, null, null, null, lines, false);

        byte[] tail = Base64.getDecoder().decode(LambdaApi.tail(invocation));

        assertThat(tail).hasSize(LambdaApi.TAIL_BYTES);
        String text = new String(tail, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("START RequestId").contains("line 199 ")
                .endsWith("REPORT RequestId: 11111111-2222-3333-4444-555555555555\tDuration: 12.50 ms\tBilled Duration: 13 ms"
                        + "\tMemory Size: 1024 MB\n");
    }

    @Test
    void aShortLogIsReturnedWhole() {
        Invocation invocation = new Invocation(0, "r", "f", 0, 1.0, 1024, null, null, null, null, null,
                List.of(new Invocation.LogLine(0, "hello")), false);

        String text = new String(Base64.getDecoder().decode(LambdaApi.tail(invocation)), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("START RequestId: r Version: $LATEST\nhello\nEND RequestId: r\n"
                + "REPORT RequestId: r\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 1024 MB\n");
    }
}
