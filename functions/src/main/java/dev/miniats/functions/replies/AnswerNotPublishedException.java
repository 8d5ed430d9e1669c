package dev.miniats.functions.replies;

/**
 * Thrown when PutEvents refused a calendar reply's answer. The answer's claim was released, so
 * the retry Lambda makes of the event publishes it. Retryable.
 */
public class AnswerNotPublishedException extends RuntimeException {
    public AnswerNotPublishedException(String detailType, String uid) {
        super("PutEvents refused " + detailType + " for calendar reply " + uid + "; the event is retried");
    }
}
