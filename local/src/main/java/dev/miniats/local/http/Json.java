package dev.miniats.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Reading request bodies and writing JSON answers, with AWS's errors for bad JSON. */
public final class Json {
    /**
     * Jackson refuses strings over 20 MB by default; an SES v2 raw message may be 40 MB, so 54 MB
     * once base64-encoded, in one JSON string. The request size limit bounds it instead.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength((int) HttpServer.MAX_REQUEST_BYTES).build())
            .build());

    private Json() {
    }

    /** The request body as a JSON object, or {@code SerializationException} as AWS JSON services answer. */
    public static JsonNode object(Context ctx) {
        String body = ctx.body();
        JsonNode node;
        try {
            node = body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AwsException(400, "SerializationException", "Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new AwsException(400, "SerializationException", "Request body must be a JSON object");
        }
        return node;
    }

    public static void answer(Context ctx, String contentType, Object value) {
        try {
            ctx.contentType(contentType).result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize an answer: " + e.getMessage(), e);
        }
    }

    /** A string field, or null when absent; a non-string value is a SerializationException. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new AwsException(400, "SerializationException", "Field " + field + " must be a string");
        }
        return value.asText();
    }
}
