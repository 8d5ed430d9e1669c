package dev.miniats.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The candidate an event is about, as the console looks events up: {@code detail.candidateId}
 * unless empty, else {@code detail.toEmail} lower-cased (the contract's default). It is the value
 * V40's generated column computed in SQL ({@code coalesce(nullif(json_extract(envelope,
 * '$.detail.candidateId'), ''), lower(json_extract(envelope, '$.detail.toEmail')))}), now computed
 * here from the detail the bus has already parsed and stored with the event (V260), so SQLite no
 * longer parses every envelope on insert. Stateless.
 */
final class CandidateKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CandidateKeys() {
    }

    /** The key of an event whose {@code detail} is parsed; null when it names no candidate. */
    static String of(JsonNode detail) {
        if (detail == null) {
            return null;
        }
        String id = sqlText(detail.get("candidateId"));
        if (id != null && !id.isEmpty()) {
            return id;
        }
        String email = sqlText(detail.get("toEmail"));
        return email == null ? null : asciiLower(email);
    }

    /** The key of a stored envelope (replays, tests): parses it; null when it is not JSON. */
    static String ofEnvelope(String envelope) {
        try {
            return of(JSON.readTree(envelope).get("detail"));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** What {@code json_extract} gives for a member, as the TEXT column stores it. */
    private static String sqlText(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "1" : "0"; // SQLite's JSON true and false are the integers 1 and 0
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** SQLite's {@code lower()} without ICU folds ASCII letters only. */
    private static String asciiLower(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return out == null ? text : out.toString();
    }
}
