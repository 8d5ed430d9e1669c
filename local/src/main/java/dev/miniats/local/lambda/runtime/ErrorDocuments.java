package dev.miniats.local.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads the error documents runtimes post ({@code {"errorType", "errorMessage", ...}}). Stateless. */
final class ErrorDocuments {
    private ErrorDocuments() {
    }

    /** The document's {@code errorMessage}; the body itself when it is not such a document. */
    static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            if (json != null && json.path("errorMessage").isTextual()) {
                return json.get("errorMessage").asText();
            }
        } catch (IOException e) {
            // not JSON: the runtime posted text, which is the message
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
