package dev.miniats.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The processes the CDK end-to-end test drives: the local runtime ({@code ats up} from its built
 * jar, on free ports), the CDK CLI (installed from npm into {@code target/}) and the AWS CLI. Not
 * thread-safe: one test class uses one instance.
 */
final class LocalProcesses implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a finished command printed. */
    record Result(int exitCode, String output) {
    }

    private final Process runtime;
    private final String endpoint;
    private final Path home;

    private LocalProcesses(Process runtime, String endpoint, Path home) {
        this.runtime = runtime;
        this.endpoint = endpoint;
        this.home = home;
    }

    /** Starts {@code java -jar mini-ats-local.jar up} on free ports with its data in {@code work}; returns when it is ready. */
    static LocalProcesses start(Path localJar, Path work) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // as infra/DEPLOY.md starts it: the built-in routes on another bus, so the stack's mini-ats bus is free,
        // and the stack's java21 functions on this JDK 17 when no JDK 21 is installed
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", localJar.toString(), "up", "--data-dir", work.resolve("data").toString(),
                "--port", "0", "--smtp-port", "0", "--imap-port", "0", "--xray-port", "0", "--bus", "ats-built-in")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("ATS_LAMBDA_NEAREST_RUNTIME", "true");
        Process p = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        CompletableFuture<String> endpoint = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                String found = null;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("AWS endpoint: ")) {
                        found = line.substring("AWS endpoint: ".length()).strip();
                    }
                    if (line.startsWith("Ready in")) {
                        return found;
                    }
                }
                throw new IllegalStateException("ats up ended before it was ready: " + lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String url;
        try {
            url = endpoint.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("ats up did not become ready; it printed " + lines, e);
        }
        Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "runtime-output");
        drain.setDaemon(true);
        drain.start();
        Path home = Files.createDirectories(work.resolve("home"));
        return new LocalProcesses(p, url, home);
    }

    String endpoint() {
        return endpoint;
    }

    /**
     * The environment the CDK CLI and the AWS CLI run with: the runtime's endpoint for every service
     * (AWS_ENDPOINT_URL, which the AWS SDK for JavaScript v3 inside the CDK CLI honours), the local
     * credentials, and nothing from the developer's own AWS or CDK configuration; the CLI's update
     * check and telemetry off (they would reach the internet).
     */
    Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("AWS_ENDPOINT_URL", endpoint),
                Map.entry("AWS_ACCESS_KEY_ID", "local"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "local"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("AWS_CONFIG_FILE", home.resolve("aws-config").toString()),
                Map.entry("AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-credentials").toString()),
                Map.entry("HOME", home.toString()),
                Map.entry("CDK_DISABLE_VERSION_CHECK", "true"),
                Map.entry("CDK_DISABLE_CLI_TELEMETRY", "true"));
    }

    /** Runs a command in {@code directory} with {@link #environment()}; its exit code and output (stdout and stderr). */
    Result run(Path directory, Duration timeout, List<String> command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        b.environment().putAll(environment());
        Process p = b.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeout + "; it printed " + output.getNow("(nothing yet)"));
        }
        return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    /** {@code /usr/bin/aws <args> --endpoint-url <runtime> --output json}, which must succeed; its JSON answer. */
    JsonNode aws(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
        Result r = run(directory, Duration.ofMinutes(1), command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.output());
        }
        return r.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.output());
    }

    @Override
    public void close() {
        runtime.destroy();
        try {
            if (!runtime.waitFor(30, TimeUnit.SECONDS)) {
                runtime.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.destroyForcibly();
        }
    }
}
