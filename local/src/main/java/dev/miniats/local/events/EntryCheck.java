package dev.miniats.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * PutEvents' checks of one entry, with the per-entry error codes and messages EventBridge answers
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html):
 * a refused entry is reported in its slot of the answer and never stored. Stateless; thread-safe.
 */
final class EntryCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the check found: {@link Valid} or {@link Refused}. */
    sealed interface Outcome permits Valid, Refused {
    }

    /** An entry that may be stored: its detail parsed (once, for matching and the envelope) and its time. */
    record Valid(JsonNode detail, Instant time) implements Outcome {
    }

    /** An entry refused with its per-entry error. */
    record Refused(PutEventsResult result) implements Outcome {
    }

    private EntryCheck() {
    }

    /**
     * Checks {@code entry} for {@code bus} ({@code busExists} whether it does), at {@code now}
     * (the time of an entry that gives none).
     */
    static Outcome of(PutEventsEntry entry, String bus, boolean busExists, Instant now) {
        if (!busExists) {
            return refused("ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
        if (entry.source() == null || entry.source().isBlank()) {
            return refused("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (entry.detailType() == null || entry.detailType().isBlank()) {
            return refused("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (entry.detail() == null || entry.detail().isBlank()) {
            return refused("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        int size = entry.size();
        if (size > EventBus.MAX_ENTRY_BYTES) {
            return refused("ValidationException", "Event size of " + size + " bytes exceeds the limit of "
                    + EventBus.MAX_ENTRY_BYTES + " bytes (Time, Source, DetailType, Detail and Resources counted as documented).");
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(entry.detail());
        } catch (JsonProcessingException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return refused("MalformedDetail", "Detail is malformed.");
        }
        Instant time = now;
        if (entry.time() != null && !entry.time().isBlank()) {
            try {
                time = Instant.parse(entry.time());
            } catch (DateTimeParseException e) {
                return refused("InvalidArgument", "Parameter Time is not valid. Reason: not an ISO-8601 timestamp.");
            }
        }
        return new Valid(detail, time);
    }

    private static Refused refused(String code, String message) {
        return new Refused(PutEventsResult.error(code, message));
    }
}
