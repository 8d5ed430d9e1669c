package dev.miniats.local.events;

/** An event as the log holds it, for the event APIs and the console. */
public record StoredEvent(long seq, String id, String bus, String source, String detailType, String envelope,
                          String traceHeader, long receivedAt) {
}
