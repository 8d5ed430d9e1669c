package dev.miniats.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.backends.ChildProcess;
import dev.miniats.local.backends.Claims;
import dev.miniats.local.backends.JsonCalls;
import dev.miniats.local.backends.LazyBackend;
import dev.miniats.local.backends.LoopbackForwarder;
import io.javalin.http.Context;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * DynamoDB on the runtime's endpoint, answered by a real implementation (dynalite, a node child
 * process started on the first DynamoDB request): requests signed for {@code dynamodb} or with a
 * {@code DynamoDB_20120810.} target are forwarded as they are. The methods below are the
 * in-process face for the runtime's other parts (CloudFormation's {@code AWS::DynamoDB::Table}).
 * Thread-safe.
 */
public final class DynamoDb implements AwsService, AutoCloseable {
    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final Duration DELETION_WAIT = Duration.ofSeconds(30);
    private final LazyBackend<ChildProcess> dynalite;
    private final LoopbackForwarder forwarder = new LoopbackForwarder();
    private final JsonCalls calls = new JsonCalls("dynamodb", TARGET_PREFIX);

    /** Tables in {@code dataDir}; dynalite installed into (or found in) {@code toolsDir}. */
    public DynamoDb(Path dataDir, Path toolsDir) {
        this.dynalite = new LazyBackend<>("DynamoDB (dynalite)", () -> Dynalite.start(toolsDir, dataDir));
    }

    /** Where npm installs dynalite unless told otherwise: a per-user cache shared by every data directory. */
    public static Path defaultToolsDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "mini-ats", "node-tools");
    }

    @Override
    public void register(AwsRoutes routes) {
        Claims.register(routes, DynamoDb::claims, ctx -> forwarder.forward(ctx, endpoint(), "/"));
    }

    private static boolean claims(Context ctx) {
        String target = ctx.header("X-Amz-Target");
        return target != null ? target.startsWith(TARGET_PREFIX) : "dynamodb".equals(AwsRequest.signedService(ctx));
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + dynalite.get().port());
    }

    /** The dynalite process once started, null before its first use. */
    public ProcessHandle process() {
        ChildProcess running = dynalite.current();
        return running == null ? null : running.handle();
    }

    /**
     * Creates a table from a CreateTable request body (the template's properties with its
     * {@code TableName}) and returns its description.
     */
    public Table createTable(ObjectNode request) {
        return Table.of(call("CreateTable", request).path("TableDescription"));
    }

    public Table describeTable(String name) {
        return Table.of(call("DescribeTable", new TableName(name)).path("Table"));
    }

    /**
     * Deletes a table and returns once it is gone, as CloudFormation waits for DynamoDB before it
     * reports a deletion complete: dynalite answers DeleteTable with the table DELETING and drops it
     * just after, so a DescribeTable right away could still find it.
     */
    public void deleteTable(String name) {
        call("DeleteTable", new TableName(name));
        long deadline = System.nanoTime() + DELETION_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                describeTable(name);
            } catch (AwsException e) {
                if (e.code().equals("ResourceNotFoundException")) {
                    return;
                }
                throw e;
            }
            sleep(Duration.ofMillis(5));
        }
        throw new AwsException(500, "InternalServerError", "DynamoDB table " + name + " is still DELETING after " + DELETION_WAIT.toSeconds() + " s");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsException(500, "InternalServerError", "interrupted while waiting for a DynamoDB table to be deleted");
        }
    }

    JsonNode call(String operation, Object request) {
        return calls.call(endpoint(), operation, request);
    }

    /** Starts the backend now, if it has not started yet: CloudFormation warms it up while it makes a stack's other resources. */
    public void start() {
        dynalite.get();
    }

    @Override
    public void close() throws Exception {
        dynalite.close();
    }

    private record TableName(String tableName) {
    }

    /** What callers need of a table: its name, ARN (for GetAtt Arn), status and stream ARN (null without a stream). */
    public record Table(String name, String arn, String status, String streamArn) {
        public Table {
            Objects.requireNonNull(name, "name");
        }

        static Table of(JsonNode description) {
            return new Table(description.path("TableName").asText(), description.path("TableArn").asText(null),
                    description.path("TableStatus").asText(null), description.path("LatestStreamArn").asText(null));
        }
    }
}
