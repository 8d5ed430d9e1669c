package dev.miniats.local.xray;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.tracing.SpanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XRayApiThrottleTest {
    @TempDir
    Path dir;

    private static List<String> documents(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add("{\"trace_id\":\"1-5759e988-bd862e3fe1be46a994272793\",\"id\":\"" + String.format("%016x", i + 1)
                    + "\",\"name\":\"n\",\"start_time\":1.0,\"end_time\":2.0}");
        }
        return out;
    }

    @Test
    void more_segments_in_one_second_than_x_rays_quota_are_throttled_and_not_stored() {
        try (Database db = Database.open(dir, false)) {
            SegmentStore store = new SegmentStore(db);
            Traces traces = new Traces(new SpanStore(db), store, new SpanSegments(new dev.miniats.local.aws.Arns("us-east-1", "0")));
            Instant second = Instant.ofEpochSecond(1_700_000_000L);
            XRayApi sameSecond = new XRayApi(traces, store, "0", Clock.fixed(second, ZoneOffset.UTC));
            for (int call = 0; call < 5; call++) {
                assertThat(sameSecond.putTraceSegments(new XRayModel.PutTraceSegmentsRequest(documents(call * 500, 500)))
                        .unprocessedTraceSegments()).isEmpty();
            }
            assertThatThrownBy(() -> sameSecond.putTraceSegments(new XRayModel.PutTraceSegmentsRequest(documents(2500, 101))))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo("ThrottledException");
                        assertThat(e.status()).isEqualTo(429);
                    });
            assertThat(traces.trace("5759e988bd862e3fe1be46a994272793").segments()).hasSize(2500);
        }
    }
}
