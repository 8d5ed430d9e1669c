package dev.miniats.local.mail;

import java.util.List;

/** A message accepted by the local SES, as stored. */
public record StoredMail(long seq, String id, String api, String source, List<String> destinations, String subject,
                         byte[] raw, String status, int attempts, String lastError, long createdAt, Long deliveredAt) {
    public StoredMail {
        destinations = List.copyOf(destinations);
    }
}
