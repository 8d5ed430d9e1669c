package dev.miniats.functions.pages;

import java.util.Optional;

/**
 * Port: puts a candidate's answer on the bus through PutEvents (never a back door), source
 * {@code mini-ats}. Thread-safe.
 */
public interface AnswerPublisher {
    /** The new event's id; empty when PutEvents refused the entry (the caller releases the answer so it can be retried). */
    Optional<String> publish(String detailType, String detailJson);
}
