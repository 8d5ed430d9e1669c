package dev.miniats.core.calendar;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link InterviewStore} in this process's memory: interview sequences last as long as the process. For tests, and for a
 * single-process runtime that accepts losing them on restart (the local runtime passes SQLite
 * adapters instead). Passes the port's contract suite. Thread-safe.
 */
public final class InMemoryInterviewStore implements InterviewStore {
    private final ConcurrentMap<String, Integer> sequences = new ConcurrentHashMap<>();

    @Override
    public int nextSequence(String candidateId, String interviewId) {
        return sequences.merge(candidateId + "\n" + interviewId, 1, Integer::sum);
    }
}
