package dev.miniats.functions.pages;

import java.util.Optional;

/**
 * Port: the answers candidates gave, at most one per candidate, topic and asking event. The first
 * answer claims the key; later clicks read it back. SQLite locally, DynamoDB on AWS.
 *
 * <p>Implementations are thread-safe, and {@link #claim} is atomic across processes.
 */
public interface AnswerStore {
    /**
     * An answer on record.
     *
     * @param detailType    what the answer published, e.g. {@code offer-accepted}
     * @param answerEventId the published event's id; null while PutEvents has not answered yet
     */
    record Answer(String detailType, String answerEventId) {
    }

    /** Claims the answer; empty when this call claimed it, else the answer already on record. */
    Optional<Answer> claim(String candidateId, String topic, String askedBy, String detailType);

    /** Notes the event PutEvents created for a claimed answer. */
    void published(String candidateId, String topic, String askedBy, String eventId);

    /** Frees a claim whose event could not be published, so the candidate can try again. */
    void release(String candidateId, String topic, String askedBy);
}
