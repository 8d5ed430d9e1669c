package dev.miniats.core.calendar;

import java.util.Objects;
import java.util.Optional;

/**
 * Port: what a calendar reply is matched against when no event log is at hand (on AWS): the
 * latest invite of each interview by UID, written by the schedule, reschedule and cancel
 * functions once their invite is sent, and the answer last published per UID and attendee, which
 * makes publishing idempotent ("the same answer received again publishes nothing; a changed mind
 * publishes the new answer"). The local runtime answers the same questions from its event log.
 * Adapters pass {@code InvitedInterviewsContract} in core's test-jar.
 *
 * <p>Implementations are thread-safe, and {@link #record} and {@link #claim} are atomic across processes.
 */
public interface InvitedInterviews {
    /**
     * Keeps nothing: no invite is recorded, so none is found. For a runtime that matches replies
     * otherwise (the local runtime reads its event log).
     */
    InvitedInterviews NONE = new InvitedInterviews() {
        @Override
        public boolean record(InvitedInterview latest, String organizer, String detailJson) {
            return false;
        }

        @Override
        public Optional<Invitation> find(String uid) {
            return Optional.empty();
        }

        @Override
        public Claim claim(CalendarReply reply) {
            return new Claim(true, Optional.empty());
        }

        @Override
        public void release(CalendarReply reply, Optional<Answer> before) {
        }
    };

    /**
     * Makes {@code latest} the interview's latest invite unless one with a higher SEQUENCE is
     * already recorded: invites only move forward, so a late or redelivered earlier revision never
     * replaces a later one (the same SEQUENCE again overwrites, as a retry writes the same invite).
     *
     * @param organizer  the organizer's address the invite came from (replies are mailed to it)
     * @param detailJson the detail of the event that sent the invite, which an answer copies
     * @return whether {@code latest} is now the recorded invite
     */
    boolean record(InvitedInterview latest, String organizer, String detailJson);

    /** The latest invite of the interview with UID {@code uid}; empty when none was recorded. */
    Optional<Invitation> find(String uid);

    /**
     * Makes {@code reply} the last answer published for its UID and attendee unless it already is
     * (same SEQUENCE and PARTSTAT). {@link Claim#claimed()} says whether to publish it;
     * {@link Claim#before()} is what {@link #release} puts back when publishing fails.
     */
    Claim claim(CalendarReply reply);

    /**
     * Puts back {@code before} as the last answer of {@code reply}'s UID and attendee, if the
     * answer on record is still {@code reply}'s, so the same reply can be tried again.
     */
    void release(CalendarReply reply, Optional<Answer> before);

    /** A recorded invite: the interview, the organizer's address and the asking event's detail. */
    record Invitation(InvitedInterview interview, String organizer, String detailJson) {
        public Invitation {
            Objects.requireNonNull(interview, "interview");
            Objects.requireNonNull(organizer, "organizer");
            Objects.requireNonNull(detailJson, "detailJson");
            organizer = organizer.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An answer published for a UID and attendee: the SEQUENCE answered and the PARTSTAT. */
    record Answer(int sequence, CalendarReply.PartStatus partStat) {
        public Answer {
            Objects.requireNonNull(partStat, "partStat");
            if (sequence < 0) {
                throw new IllegalArgumentException("sequence is " + sequence + "; expected 0 or more");
            }
        }

        static Answer of(CalendarReply reply) {
            return new Answer(reply.sequence(), reply.partStat());
        }
    }

    /** The outcome of {@link #claim}: whether the reply is a new answer, and the answer on record before it. */
    record Claim(boolean claimed, Optional<Answer> before) {
        public Claim {
            Objects.requireNonNull(before, "before");
        }
    }
}
