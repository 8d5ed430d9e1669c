package dev.miniats.core.calendar;

/**
 * Port: the revision count of each interview, for its invites' SEQUENCE (RFC 5545 section
 * 3.8.7.4). The first invite has SEQUENCE 0 and needs no call; each reschedule or cancellation
 * takes {@link #nextSequence}. A failed send may leave a gap, which calendar clients accept:
 * they only require a revision's SEQUENCE to be higher than the last one they saw.
 * Adapters pass {@code InterviewStoreContract} in core's test-jar.
 *
 * <p>Implementations are thread-safe, and {@link #nextSequence} is atomic across processes.
 */
public interface InterviewStore {
    /** Raises the interview's sequence by one and returns it: 1 on the first call, then 2, 3, ... */
    int nextSequence(String candidateId, String interviewId);
}
