package dev.miniats.core.pipeline;

import java.util.List;

/**
 * Port: each candidate's stage history, the pipeline projection of the event stream. Delivery
 * is at least once, so recording is idempotent per (candidate, event id). Adapters pass
 * {@code PipelineStoreContract} in core's test-jar.
 *
 * <p>Implementations are thread-safe.
 */
public interface PipelineStore {
    /** Adds {@code change} to its candidate's history; the same (candidateId, eventId) again changes nothing. */
    void record(StageChange change);

    /** The candidate's history, oldest first (by time, then event id); empty for an unknown candidate. */
    List<StageChange> history(String candidateId);
}
