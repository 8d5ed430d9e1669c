package dev.miniats.local.events;

/** The result of one PutEvents entry: an EventId, or an error code and message, as EventBridge answers. */
public record PutEventsResult(String eventId, String errorCode, String errorMessage) {
    static PutEventsResult ok(String eventId) {
        return new PutEventsResult(eventId, null, null);
    }

    static PutEventsResult error(String code, String message) {
        return new PutEventsResult(null, code, message);
    }

    public boolean failed() {
        return errorCode != null;
    }
}
