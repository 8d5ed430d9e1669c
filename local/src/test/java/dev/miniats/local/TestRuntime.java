package dev.miniats.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** A started local runtime on free ports in a temporary data directory, with an SDK client and a JSON HTTP client. */
public final class TestRuntime implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final Path dataDir;
    public final LocalRuntime runtime;
    public final EventBridgeClient events;

    private TestRuntime(Path dataDir, double timeScale) {
        this.dataDir = dataDir;
        this.runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().timeScale(timeScale).build());
        this.events = EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static TestRuntime start() {
        return start(0.001);
    }

    public static TestRuntime start(double timeScale) {
        try {
            return new TestRuntime(Files.createTempDirectory("ats-test"), timeScale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts another runtime on the same data directory (after this one is closed). */
    public TestRuntime restart() {
        return new TestRuntime(dataDir, runtime.config().timeScale());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + path)).GET().build());
    }

    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String functionArn(String name) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    }

    @Override
    public void close() {
        events.close();
        runtime.close();
    }
}
