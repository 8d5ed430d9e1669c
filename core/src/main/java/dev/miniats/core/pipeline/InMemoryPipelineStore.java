package dev.miniats.core.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PipelineStore} in this process's memory: stage histories last as long as the process. For tests, and for a
 * single-process runtime that accepts losing them on restart (the local runtime passes SQLite
 * adapters instead). Passes the port's contract suite. Thread-safe: every method is synchronized.
 */
public final class InMemoryPipelineStore implements PipelineStore {
    private final Map<String, Map<String, StageChange>> histories = new LinkedHashMap<>();

    @Override
    public synchronized void record(StageChange change) {
        histories.computeIfAbsent(change.candidateId(), id -> new LinkedHashMap<>()).putIfAbsent(change.eventId(), change);
    }

    @Override
    public synchronized List<StageChange> history(String candidateId) {
        List<StageChange> history = new ArrayList<>(histories.getOrDefault(candidateId, Map.of()).values());
        history.sort(Comparator.comparing(StageChange::at).thenComparing(StageChange::eventId));
        return history;
    }
}
