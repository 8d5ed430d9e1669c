package dev.miniats.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.miniats.local.aws.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The record Lambda sends to an asynchronous invocation's destination
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html): the request, what
 * became of it ({@code Success}, {@code RetriesExhausted}, {@code EventAgeExceeded}) and the response.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
record DestinationRecord(String version, String timestamp, RequestContext requestContext, JsonNode requestPayload,
                         ResponseContext responseContext, JsonNode responsePayload) {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final String SUCCESS = "Success";
    static final String RETRIES_EXHAUSTED = "RetriesExhausted";
    static final String EVENT_AGE_EXCEEDED = "EventAgeExceeded";

    DestinationRecord {
        Objects.requireNonNull(requestContext, "requestContext");
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record RequestContext(String requestId, String functionArn, String condition, int approximateInvokeCount) {
    }

    /** {@code functionError} is {@code Unhandled} for a function error, absent on success. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ResponseContext(int statusCode, String executedVersion, String functionError) {
    }

    /** A function error as Lambda's runtimes report it, for a failure with no document of its own. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ErrorDocument(String errorType, String errorMessage) {
        byte[] toJson() {
            try {
                return Json.MAPPER.writeValueAsBytes(this);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot write an error document: " + e.getMessage(), e);
            }
        }
    }

    static DestinationRecord of(Instant at, RequestContext context, byte[] request, ResponseContext response, byte[] responsePayload) {
        return new DestinationRecord("1.0", TIMESTAMP.format(at), context, json(request), response,
                responsePayload == null ? null : json(responsePayload));
    }

    /** A payload as JSON; one that is not JSON as a string. */
    private static JsonNode json(byte[] payload) {
        try {
            JsonNode node = Json.MAPPER.readTree(payload);
            return node == null ? TextNode.valueOf("") : node;
        } catch (IOException e) {
            return TextNode.valueOf(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a destination record: " + e.getMessage(), e);
        }
    }
}
