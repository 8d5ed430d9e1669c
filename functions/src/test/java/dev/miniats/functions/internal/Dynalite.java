package dev.miniats.functions.internal;

import dev.miniats.functions.NodeTools;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DynamoDB-compatible server (npm {@code dynalite}, in memory) run by Node.js for one test
 * class, on a free loopback port, and a client for it. {@link #close()} stops the process.
 */
public final class Dynalite implements AutoCloseable {
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final Process process;
    private final DynamoDbClient client;
    private final URI endpoint;

    private Dynalite(Process process, DynamoDbClient client, URI endpoint) {
        this.process = process;
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Where the server listens, for clients configured by endpoint. */
    public URI endpoint() {
        return endpoint;
    }

    public static Dynalite start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            var dir = NodeTools.installed();
            Process process = new ProcessBuilder(List.of("node", dir.resolve("node_modules/dynalite/cli.js").toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dynalite-" + port + ".log").toFile())
                    .start();
            awaitListening(process, port);
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            DynamoDbClient client = DynamoDbClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .endpointOverride(endpoint)
                    .build();
            return new Dynalite(process, client, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start dynalite", e);
        }
    }

    private static void awaitListening(Process process, int port) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with " + process.exitValue() + " before listening");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within 30 seconds");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dynalite", e);
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    /** Creates a new, empty table with string keys {@code partitionKey} and optional {@code sortKey}; returns its name. */
    public String createTable(String partitionKey, String sortKey) {
        String name = "test-" + TABLES.incrementAndGet();
        List<KeySchemaElement> keys = new ArrayList<>(List.of(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build()));
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(AttributeDefinition.builder()
                .attributeName(partitionKey).attributeType(ScalarAttributeType.S).build()));
        if (sortKey != null) {
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
            attributes.add(AttributeDefinition.builder().attributeName(sortKey).attributeType(ScalarAttributeType.S).build());
        }
        client.createTable(create -> create.tableName(name).keySchema(keys).attributeDefinitions(attributes)
                .billingMode(BillingMode.PAY_PER_REQUEST));
        client.waiter().waitUntilTableExists(describe -> describe.tableName(name));
        return name;
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
