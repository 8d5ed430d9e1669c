package dev.miniats.core.calendar;

import dev.miniats.core.calendar.CalendarReply.PartStatus;
import dev.miniats.core.calendar.InvitedInterviews.Answer;
import dev.miniats.core.calendar.InvitedInterviews.Claim;
import dev.miniats.core.calendar.InvitedInterviews.Invitation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link InvitedInterviews} adapter must have. Extend it and return a new,
 * empty store from {@link #newStore()}.
 */
public abstract class InvitedInterviewsContract {
    private static final String UID = "uid-1@mini-ats";
    private InvitedInterviews store;

    protected abstract InvitedInterviews newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static InvitedInterview invite(String eventId, int sequence, boolean cancelled) {
        return new InvitedInterview(UID, "cand-1", "int-1", eventId, sequence, "Ada@Example.com", cancelled);
    }

    private static CalendarReply reply(String attendee, int sequence, PartStatus partStat) {
        return new CalendarReply(UID, sequence, attendee, partStat, "hr@acme.example");
    }

    @Test
    void a_recorded_invite_is_found_by_its_uid_with_organizer_and_detail() {
        assertThat(store.record(invite("event-1", 0, false), "HR@Acme.example", "{\"candidateId\":\"cand-1\"}")).isTrue();

        Invitation found = store.find(UID).orElseThrow();
        assertThat(found.interview()).isEqualTo(invite("event-1", 0, false));
        assertThat(found.organizer()).isEqualTo("hr@acme.example");
        assertThat(found.detailJson()).isEqualTo("{\"candidateId\":\"cand-1\"}");
        assertThat(store.find("other-uid@mini-ats")).isEmpty();
    }

    @Test
    void a_later_revision_replaces_the_invite_and_an_earlier_one_never_does() {
        store.record(invite("schedule", 0, false), "hr@acme.example", "{\"v\":0}");
        assertThat(store.record(invite("reschedule", 2, false), "hr@acme.example", "{\"v\":2}")).isTrue();

        assertThat(store.record(invite("late-reschedule", 1, false), "hr@acme.example", "{\"v\":1}")).isFalse();
        assertThat(store.record(invite("schedule", 0, false), "hr@acme.example", "{\"v\":0}")).isFalse();

        assertThat(store.find(UID).orElseThrow().interview().eventId()).isEqualTo("reschedule");
        assertThat(store.find(UID).orElseThrow().detailJson()).isEqualTo("{\"v\":2}");
    }

    @Test
    void the_same_revision_written_again_is_recorded_again() {
        store.record(invite("reschedule", 1, false), "hr@acme.example", "{}");

        assertThat(store.record(invite("reschedule", 1, false), "hr@acme.example", "{}")).isTrue();
        assertThat(store.find(UID).orElseThrow().interview().sequence()).isEqualTo(1);
    }

    @Test
    void a_cancellation_marks_the_interview_cancelled() {
        store.record(invite("schedule", 0, false), "hr@acme.example", "{}");
        store.record(invite("cancel", 1, true), "hr@acme.example", "{}");

        assertThat(store.find(UID).orElseThrow().interview().cancelled()).isTrue();
        assertThat(store.find(UID).orElseThrow().interview().eventId()).isEqualTo("cancel");
    }

    @Test
    void the_first_answer_is_claimed_and_the_same_answer_again_is_not() {
        Claim first = store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED));
        Claim again = store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED));

        assertThat(first).isEqualTo(new Claim(true, Optional.empty()));
        assertThat(again).isEqualTo(new Claim(false, Optional.of(new Answer(0, PartStatus.ACCEPTED))));
    }

    @Test
    void a_changed_mind_or_an_answer_to_a_later_revision_is_claimed() {
        store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED));

        assertThat(store.claim(reply("ada@example.com", 0, PartStatus.DECLINED)))
                .isEqualTo(new Claim(true, Optional.of(new Answer(0, PartStatus.ACCEPTED))));
        assertThat(store.claim(reply("ada@example.com", 1, PartStatus.DECLINED)))
                .isEqualTo(new Claim(true, Optional.of(new Answer(0, PartStatus.DECLINED))));
    }

    @Test
    void attendees_answer_separately() {
        store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED));

        assertThat(store.claim(reply("grace@example.com", 0, PartStatus.ACCEPTED)).claimed()).isTrue();
    }

    @Test
    void a_released_claim_puts_the_answer_before_back() {
        store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED));
        Claim changed = store.claim(reply("ada@example.com", 0, PartStatus.DECLINED));

        store.release(reply("ada@example.com", 0, PartStatus.DECLINED), changed.before());

        assertThat(store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED)).claimed()).isFalse();
        assertThat(store.claim(reply("ada@example.com", 0, PartStatus.DECLINED)).claimed()).isTrue();
    }

    @Test
    void a_released_first_claim_can_be_claimed_again() {
        Claim first = store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED));

        store.release(reply("ada@example.com", 0, PartStatus.ACCEPTED), first.before());

        assertThat(store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED)).claimed()).isTrue();
    }

    @Test
    void a_release_leaves_a_later_claim_in_place() {
        Claim accepted = store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED));
        store.claim(reply("ada@example.com", 0, PartStatus.DECLINED));

        store.release(reply("ada@example.com", 0, PartStatus.ACCEPTED), accepted.before());

        assertThat(store.claim(reply("ada@example.com", 0, PartStatus.DECLINED)).claimed()).isFalse();
    }

    @Test
    void concurrent_deliveries_of_one_answer_claim_it_once() throws Exception {
        List<Boolean> claimed = AtOnce.run(8, i -> store.claim(reply("ada@example.com", 0, PartStatus.ACCEPTED)).claimed());

        assertThat(claimed).containsOnlyOnce(true);
    }

    @Test
    void concurrent_revisions_leave_the_highest_sequence_recorded() throws Exception {
        AtOnce.run(8, i -> store.record(invite("event-" + i, i, false), "hr@acme.example", "{}"));

        assertThat(store.find(UID).orElseThrow().interview().sequence()).isEqualTo(7);
    }
}
