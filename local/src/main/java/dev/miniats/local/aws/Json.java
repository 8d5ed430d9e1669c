package dev.miniats.local.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The runtime's one JSON mapper, and reading request bodies into typed requests with AWS's errors
 * for bad JSON. Records map to AWS's UpperCamelCase member names ({@code eventBusName} ↔
 * {@code EventBusName}); a service whose API is lowerCamelCase (CloudWatch Logs) annotates its
 * records with {@code @JsonNaming}. Absent (null) members are left out of answers, as AWS does.
 */
public final class Json {
    /**
     * Jackson refuses strings over 20 MB by default; an SES v2 raw message may be 40 MB, so 54 MB
     * once base64-encoded, in one JSON string. The request size limit bounds it instead.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength((int) HttpServer.MAX_REQUEST_BYTES).build())
            .build())
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    private Json() {
    }

    /** The request body as a JSON object, or {@code SerializationException} as AWS JSON services answer. */
    public static JsonNode object(Context ctx) {
        return object(ctx.body());
    }

    static JsonNode object(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw AwsException.serialization("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        return requireObject(node);
    }

    /**
     * As {@link #object(String)}, from the body's UTF-8 bytes: Jackson reads them as they came,
     * with no String decoded first. A body Jackson refuses, or one that opens as no UTF-8 JSON does
     * (a byte-order mark, or UTF-16 or UTF-32, which Jackson would detect and read), is read as the
     * String the web framework decodes (malformed UTF-8 replaced), so both paths answer alike.
     */
    static JsonNode object(ByteBuffer body) {
        if (!opensAsUtf8(body)) {
            return object(new String(bytes(body), StandardCharsets.UTF_8));
        }
        JsonNode node;
        try {
            node = body.hasArray() ? MAPPER.readTree(body.array(), body.arrayOffset() + body.position(), body.remaining())
                    : MAPPER.readTree(bytes(body));
        } catch (IOException e) {
            return object(new String(bytes(body), StandardCharsets.UTF_8));
        }
        return node == null || node.isMissingNode() ? MAPPER.createObjectNode() : requireObject(node);
    }

    /** False when the first bytes hold a byte-order mark or a zero byte (UTF-16 or UTF-32 JSON). */
    private static boolean opensAsUtf8(ByteBuffer body) {
        int start = body.position();
        for (int i = start; i < Math.min(body.limit(), start + 4); i++) {
            byte b = body.get(i);
            if (b == 0 || b == (byte) 0xFE || b == (byte) 0xFF || (i == start && b == (byte) 0xEF)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(ByteBuffer body) {
        byte[] copy = new byte[body.remaining()];
        body.duplicate().get(copy);
        return copy;
    }

    private static JsonNode requireObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw AwsException.serialization("Request body must be a JSON object");
        }
        return node;
    }

    /**
     * Reads {@code body} (an empty body is {@code {}}) as {@code type}; a value of the wrong JSON
     * type is a {@code SerializationException} naming the member path and the expected type.
     */
    public static <T> T read(String body, Class<T> type) {
        return read(object(body), type);
    }

    /** As {@link #read(String, Class)}, from the body already read as a JSON object ({@link #object}). */
    static <T> T read(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
            throw AwsException.serialization("Value at '" + path(e) + "' is of the wrong type; expected " + expected);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof AwsException ? e.getCause() : null;
            if (cause != null) {
                throw (AwsException) cause;
            }
            throw AwsException.serialization("Cannot read the request at '" + path(e) + "': " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw AwsException.serialization("Cannot read the request: " + e.getMessage());
        }
    }

    /** The request body of a REST-JSON operation as {@code type}. */
    public static <T> T body(Context ctx, Class<T> type) {
        return read(ctx.body(), type);
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        return m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
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
            throw AwsException.serialization("Field " + field + " must be a string");
        }
        return value.asText();
    }
}
