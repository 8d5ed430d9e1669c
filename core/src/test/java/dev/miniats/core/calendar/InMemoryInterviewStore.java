package dev.miniats.core.calendar;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link InterviewStore} in a map, for handler tests. Thread-safe. */
public final class InMemoryInterviewStore implements InterviewStore {
    private final ConcurrentMap<String, Integer> sequences = new ConcurrentHashMap<>();

    @Override
    public int nextSequence(String candidateId, String interviewId) {
        return sequences.merge(candidateId + "\n" + interviewId, 1, Integer::sum);
    }
}
