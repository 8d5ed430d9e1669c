package dev.miniats.core.calendar;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link InterviewStore} in this process's memory: interview sequences last as long as the process. For tests, and for a
 * single-process runtime that accepts losing them on restart (the local runtime passes SQLite
 * adapters instead). Passes the port's contract suite. Thread-safe: every call holds the store's lock.
 */
public final class InMemoryInterviewStore implements InterviewStore {
    private final Map<String, Integer> sequences = new HashMap<>();
    private final Map<String, Integer> revisions = new HashMap<>();

    @Override
    public synchronized int sequenceFor(String candidateId, String interviewId, String revisionKey) {
        return revisions.computeIfAbsent(revisionKey,
                key -> sequences.merge(candidateId + "\n" + interviewId, 1, Integer::sum));
    }
}
