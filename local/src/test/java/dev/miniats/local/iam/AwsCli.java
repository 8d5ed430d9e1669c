package dev.miniats.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real AWS CLI v2 as a separate process against a runtime, with the local credentials or with
 * the temporary ones of a role session ({@link #as}). The user's own AWS profiles stay out.
 */
public final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Path scratch;
    private final Map<String, String> credentials;

    private AwsCli(URI endpoint, Path scratch, Map<String, String> credentials) {
        this.endpoint = endpoint;
        this.scratch = scratch;
        this.credentials = credentials;
    }

    /** With the plain local credentials ({@code local}/{@code local}). */
    public static AwsCli local(URI endpoint, Path scratch) {
        return new AwsCli(endpoint, scratch, Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
    }

    /** The same CLI signing with the temporary credentials in an {@code assume-role} answer's {@code Credentials}. */
    public AwsCli as(JsonNode assumeRoleAnswer) {
        JsonNode c = assumeRoleAnswer.get("Credentials");
        return new AwsCli(endpoint, scratch, Map.of("AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", c.get("SecretAccessKey").asText(), "AWS_SESSION_TOKEN", c.get("SessionToken").asText()));
    }

    /** Same credentials, another runtime (after a restart on a new port). */
    public AwsCli at(URI otherEndpoint) {
        return new AwsCli(otherEndpoint, scratch, credentials);
    }

    /** Runs a command that must succeed; its JSON output (an empty object when it prints nothing). */
    public JsonNode ok(String... args) {
        Result r = run(args);
        assertThat(r.exit()).as("aws %s failed: %s", String.join(" ", args), r.stderr()).isZero();
        try {
            return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command that must fail; what the CLI printed on stderr ("An error occurred (Code) ..."). */
    public String fails(String... args) {
        Result r = run(args);
        assertThat(r.exit()).as("aws %s should have failed; printed %s", String.join(" ", args), r.stdout()).isNotZero();
        return r.stderr();
    }

    /** Runs a command that prints text, not JSON (such as {@code cloudformation deploy}) and must succeed; what it printed. */
    public String okText(String... args) {
        Result r = run(args);
        assertThat(r.exit()).as("aws %s failed: %s", String.join(" ", args), r.stderr()).isZero();
        return r.stdout();
    }

    public record Result(int exit, String stdout, String stderr) {
    }

    /** Runs a command whatever its outcome (for commands that print text, like {@code aws s3 ls}). */
    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(credentials);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", scratch.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-aws-credentials").toString());
        try {
            Path err = Files.createTempFile(scratch, "aws", ".err");
            Process process = builder.redirectError(err.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("aws %s finished", String.join(" ", args)).isTrue();
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
