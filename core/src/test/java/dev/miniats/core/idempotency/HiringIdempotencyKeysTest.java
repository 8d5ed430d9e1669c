package dev.miniats.core.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.event.HiringEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class HiringIdempotencyKeysTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static HiringEvent event(String id, String start) throws Exception {
        return HiringEvents.parse(new ObjectMapper().readTree("""
                {"id":"%s","source":"mini-ats","detail-type":"schedule-interview","time":"2026-11-26T12:00:00Z",
                 "detail":{"toEmail":"ada@example.com","fromEmail":"t@example.com","companyName":"Acme",
                           "candidateId":"cand-1","interview":{"interviewId":"int-1","start":"%s"}}}
                """.formatted(id, start)), CLOCK);
    }

    @Test
    void two_events_for_the_same_interview_share_one_key_and_payload() throws Exception {
        IdempotencyKey first = HiringIdempotencyKeys.scheduleInterview(event("e-1", "2026-12-01T15:00:00Z"));
        IdempotencyKey second = HiringIdempotencyKeys.scheduleInterview(event("e-2", "2026-12-01T15:00:00Z"));

        assertThat(first).isEqualTo(second);
        assertThat(first.value()).isEqualTo("schedule-interview#cand-1#int-1");
    }

    @Test
    void scheduling_the_interview_at_another_time_keeps_the_key_and_advises_reschedule() throws Exception {
        IdempotencyKey first = HiringIdempotencyKeys.scheduleInterview(event("e-1", "2026-12-01T15:00:00Z"));
        IdempotencyKey moved = HiringIdempotencyKeys.scheduleInterview(event("e-2", "2026-12-01T16:00:00Z"));

        assertThat(moved.value()).isEqualTo(first.value());
        assertThat(moved.payloadHash()).isNotEqualTo(first.payloadHash());
        assertThat(moved.mismatchAdvice()).contains("send reschedule-interview");
    }

    @Test
    void each_distinct_reschedule_is_its_own_key_and_a_repeat_is_the_same() throws Exception {
        IdempotencyKey to16 = HiringIdempotencyKeys.rescheduleInterview(event("e-1", "2026-12-01T16:00:00Z"));
        IdempotencyKey to16Again = HiringIdempotencyKeys.rescheduleInterview(event("e-2", "2026-12-01T16:00:00Z"));
        IdempotencyKey to17 = HiringIdempotencyKeys.rescheduleInterview(event("e-3", "2026-12-01T17:00:00Z"));

        assertThat(to16).isEqualTo(to16Again);
        assertThat(to17.value()).startsWith("reschedule-interview#cand-1#int-1#").isNotEqualTo(to16.value());
    }
}
