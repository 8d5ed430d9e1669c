package dev.miniats.local.backends;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * In-process calls to an embedded backend that speaks AWS JSON 1.0 (DynamoDB, SQS): the request
 * record is mapped by {@link Json#MAPPER}, an AWS error comes back as an {@link AwsException}
 * with the backend's code and message. Thread-safe.
 */
public final class JsonCalls {
    private final String service;
    private final String targetPrefix;

    /** {@code service} is the SigV4 signing name; {@code targetPrefix} ends with a dot. */
    public JsonCalls(String service, String targetPrefix) {
        this.service = service;
        this.targetPrefix = targetPrefix;
    }

    public JsonNode call(URI endpoint, String operation, Object request) {
        try {
            HttpRequest http = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", targetPrefix + operation)
                    // a SigV4-shaped header: dynalite insists on one; neither backend checks the signature
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/" + service
                            + "/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0")
                    .header("X-Amz-Date", "20240101T000000Z")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(request)))
                    .build();
            HttpResponse<String> response = LoopbackHttp.client().send(http, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                String type = body.path("__type").asText("InternalFailure");
                throw new AwsException(response.statusCode(), type.substring(type.indexOf('#') + 1),
                        body.path("message").asText(body.path("Message").asText(type)));
            }
            return body;
        } catch (IOException e) {
            throw new BackendUnavailableException(service + " did not answer " + operation + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted during " + service + " " + operation);
        }
    }
}
