package dev.miniats.functions.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Port: the detail of the event whose mail carried a candidate link, which the answer copies
 * (so the answer names the same candidate, company, interview or offer). Locally the runtime's
 * event log; on AWS a table the pages function fills from the bus ({@link #remember}).
 *
 * <p>Implementations are thread-safe.
 */
public interface AskedEvents {
    /** The detail of event {@code eventId}; empty when it is unknown (or expired). */
    Optional<ObjectNode> detail(String eventId);

    /** Keeps {@code detail} of event {@code eventId} for the answer; the same event again changes nothing. */
    void remember(String eventId, ObjectNode detail);
}
