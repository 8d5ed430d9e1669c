package dev.miniats.core.calendar;

/**
 * Port: the revision count of each interview, for its invites' SEQUENCE (RFC 5545 section
 * 3.8.7.4). The first invite has SEQUENCE 0 and needs no call; each reschedule or cancellation
 * takes {@link #sequenceFor} with the revision's own key (its idempotency key), so a revision
 * that runs again after a crash gets the SEQUENCE it was given the first time: a redelivered
 * reschedule never sends its update with a second, higher number, and two revisions never share
 * one. A revision that failed before its mail was sent may leave a gap, which calendar clients
 * accept: they only require a revision's SEQUENCE to be higher than the last one they saw.
 * Adapters pass {@code InterviewStoreContract} in core's test-jar.
 *
 * <p>Implementations are thread-safe, and {@link #sequenceFor} is atomic across processes.
 */
public interface InterviewStore {
    /**
     * The sequence of the revision {@code revisionKey} of the interview: the one it was given
     * before, else the interview's next one (1 for its first revision, then 2, 3, ...).
     */
    int sequenceFor(String candidateId, String interviewId, String revisionKey);
}
