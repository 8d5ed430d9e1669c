package dev.miniats.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.LocalRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Lambda's REST API over plain HTTP, for tests that need many quick calls (the CLI takes a second each). */
public final class UserFunctionsHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String ROLE = "arn:aws:iam::000000000000:role/test-function";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;

    public UserFunctionsHttp(LocalRuntime runtime) {
        this.endpoint = runtime.endpoint();
    }

    /** A response: status, body and headers. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Answer create(String name, String runtime, String handler, byte[] zip, Map<String, Object> extra) {
        ObjectNode body = JSON.createObjectNode();
        body.put("FunctionName", name).put("Runtime", runtime).put("Role", ROLE);
        if (handler != null) {
            body.put("Handler", handler);
        }
        body.putObject("Code").put("ZipFile", Base64.getEncoder().encodeToString(zip));
        extra.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
        return send("POST", "/2015-03-31/functions", body.toString(), Map.of());
    }

    public Answer invoke(String name, String payload) {
        return send("POST", "/2015-03-31/functions/" + name + "/invocations", payload, Map.of());
    }

    public Answer invoke(String name, String payload, Map<String, String> headers) {
        return send("POST", "/2015-03-31/functions/" + name + "/invocations", payload, headers);
    }

    public Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
