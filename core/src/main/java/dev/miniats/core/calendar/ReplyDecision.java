package dev.miniats.core.calendar;

import dev.miniats.core.event.DetailType;

import java.util.Objects;
import java.util.Optional;

/**
 * What a calendar reply does to the pipeline: the event to publish, if any, and why.
 *
 * <p>{@code ACCEPTED} publishes {@code interview-confirmed} and {@code DECLINED} publishes
 * {@code interview-declined}. {@code TENTATIVE} publishes nothing: a "maybe" is not a commitment,
 * so the interview stays scheduled and awaiting an answer, and the reply is kept on record (the
 * console shows it) for the recruiter to follow up; a later ACCEPTED or DECLINED still moves the
 * pipeline. A reply to an unknown interview, from someone not invited, to an older revision (a
 * lower SEQUENCE: RFC 5546 section 2.1.5 says the organizer ignores it) or to a cancelled
 * interview publishes nothing either, and says which.
 *
 * @param outcome what was decided
 * @param publish the detail-type to publish; empty when nothing changes
 * @param reason  a sentence for the record, naming the values involved
 */
public record ReplyDecision(Outcome outcome, Optional<DetailType> publish, String reason) {
    /** The kinds of decision, as recorded. */
    public enum Outcome { CONFIRMED, DECLINED, TENTATIVE, NO_ANSWER, UNKNOWN_INTERVIEW, NOT_INVITED, STALE_SEQUENCE, UNSENT_SEQUENCE, CANCELLED }

    public ReplyDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(reason, "reason");
    }

    /** Decides what {@code reply} does, given the latest invite of the interview its UID names, if any. */
    public static ReplyDecision of(CalendarReply reply, Optional<InvitedInterview> invited) {
        if (invited.isEmpty()) {
            return none(Outcome.UNKNOWN_INTERVIEW, "no interview has UID " + reply.uid() + "; nothing changed");
        }
        InvitedInterview interview = invited.get();
        if (!interview.attendee().equals(reply.attendee())) {
            return none(Outcome.NOT_INVITED, "ATTENDEE " + reply.attendee() + " was not invited to interview " + interview.interviewId()
                    + " (the invite went to " + interview.attendee() + "); nothing changed");
        }
        if (interview.cancelled()) {
            return none(Outcome.CANCELLED, "interview " + interview.interviewId() + " was cancelled; nothing changed");
        }
        if (reply.sequence() < interview.sequence()) {
            return none(Outcome.STALE_SEQUENCE, "the reply answers SEQUENCE " + reply.sequence() + " but the latest invite is SEQUENCE "
                    + interview.sequence() + "; an answer to an older revision is ignored (RFC 5546 section 2.1.5)");
        }
        if (reply.sequence() > interview.sequence()) {
            return none(Outcome.UNSENT_SEQUENCE, "the reply answers SEQUENCE " + reply.sequence() + " but the latest invite sent is SEQUENCE "
                    + interview.sequence() + "; nothing changed");
        }
        return switch (reply.partStat()) {
            case ACCEPTED -> new ReplyDecision(Outcome.CONFIRMED, Optional.of(DetailType.INTERVIEW_CONFIRMED),
                    reply.attendee() + " accepted interview " + interview.interviewId());
            case DECLINED -> new ReplyDecision(Outcome.DECLINED, Optional.of(DetailType.INTERVIEW_DECLINED),
                    reply.attendee() + " declined interview " + interview.interviewId());
            case TENTATIVE -> none(Outcome.TENTATIVE, reply.attendee() + " answered tentatively; the interview stays scheduled, awaiting a firm answer");
            case DELEGATED, NEEDS_ACTION -> none(Outcome.NO_ANSWER, "PARTSTAT " + reply.partStat()
                    + " is not an answer; expected ACCEPTED, DECLINED or TENTATIVE; nothing changed");
        };
    }

    private static ReplyDecision none(Outcome outcome, String reason) {
        return new ReplyDecision(outcome, Optional.empty(), reason);
    }
}
