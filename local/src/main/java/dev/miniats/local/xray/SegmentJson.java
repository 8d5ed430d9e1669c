package dev.miniats.local.xray;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniats.local.aws.Json;

/** A segment document as the JSON string X-Ray answers in {@code Segment.Document}. */
final class SegmentJson {
    private SegmentJson() {
    }

    static String write(SegmentDocument document) {
        try {
            return Json.MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write segment " + document.id() + ": " + e.getMessage(), e);
        }
    }
}
