package dev.miniats.local.mail;

import java.util.List;

/**
 * A message accepted by the local SES, as stored. {@code requestView} is the JSON of its SES
 * request (Destination, Body) for non-raw messages, else null; {@code deliveredVia} is
 * {@code embedded} or {@code relay} once delivered.
 */
public record StoredMail(long seq, String id, String api, String source, List<String> destinations, String subject,
                         byte[] raw, String status, int attempts, String lastError, long createdAt, Long deliveredAt,
                         String requestView, String deliveredVia) {
    public StoredMail {
        destinations = List.copyOf(destinations);
    }
}
