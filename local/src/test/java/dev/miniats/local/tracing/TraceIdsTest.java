package dev.miniats.local.tracing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceIdsTest {
    private static final String HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @Test
    void a_full_header_reads_as_trace_parent_and_sampling_and_writes_back_the_same() {
        TraceIds.Header header = TraceIds.parse(HEADER).orElseThrow();
        assertThat(header.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(header.parentId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(header.sampled()).isTrue();
        assertThat(header.xrayTraceId()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(header.format()).isEqualTo(HEADER);
    }

    @Test
    void keys_in_any_order_with_spaces_and_unknown_keys_still_read() {
        TraceIds.Header header = TraceIds.parse(" Self=1-abc ; Sampled=0;Lineage=a87bd80c:0 ; Root=1-5759e988-bd862e3fe1be46a994272793").orElseThrow();
        assertThat(header.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(header.parentId()).isNull();
        assertThat(header.sampled()).isFalse();
    }

    @Test
    void headers_without_a_valid_root_are_not_traces() {
        assertThat(TraceIds.parse(null)).isEmpty();
        assertThat(TraceIds.parse("Parent=53995c3f42cd8ad8")).isEmpty();
        assertThat(TraceIds.parse("Root=2-5759e988-bd862e3fe1be46a994272793")).isEmpty();
        assertThat(TraceIds.parse("Root=1-5759E988-bd862e3fe1be46a994272793")).isEmpty();
        assertThat(TraceIds.parse("Root=1-5759e988-bd862e3fe1be46a99427279")).isEmpty();
        assertThat(TraceIds.parse("Root=1-00000000-000000000000000000000000")).isEmpty();
        assertThat(TraceIds.parse("Root=1-5759e988-bd862e3fe1be46a994272793;" + "x".repeat(300))).isEmpty();
        assertThat(TraceIds.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz").orElseThrow().parentId()).isNull();
    }

    @Test
    void ids_convert_both_ways_and_new_ones_start_with_the_epoch_second() {
        assertThat(TraceIds.otel("1-5759e988-bd862e3fe1be46a994272793")).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(TraceIds.otel("5759e988bd862e3fe1be46a994272793")).isNull();
        assertThat(TraceIds.xray("5759e988bd862e3fe1be46a994272793")).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThatThrownBy(() -> TraceIds.xray("nope")).isInstanceOf(IllegalArgumentException.class);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0x5759e988L), ZoneOffset.UTC);
        assertThat(TraceIds.newTraceHeader(clock)).matches("Root=1-5759e988-[0-9a-f]{24};Sampled=1");
    }
}
