package dev.miniats.local.lambda.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The AWS SDK for JavaScript v3 that Lambda's Node.js runtimes include
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included), installed
 * once from npm into a cache shared by every function and every data directory, never into a
 * function's code. A function's own {@code node_modules} still wins, as on Lambda. The install runs
 * once per machine (a file lock keeps two runtimes from racing); thread-safe.
 */
final class NodeSdk {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSdk.class);
    /** The clients the workshop and the local services need; Lambda ships every client, a cache of all is ~300 MB. */
    static final List<String> PACKAGES = List.of("@aws-sdk/client-ses", "@aws-sdk/client-sesv2", "@aws-sdk/client-eventbridge",
            "@aws-sdk/client-lambda", "@aws-sdk/client-sqs", "@aws-sdk/client-s3", "@aws-sdk/client-dynamodb",
            "@aws-sdk/lib-dynamodb", "@aws-sdk/client-sts", "@aws-sdk/client-cloudwatch-logs");

    private final Path dir;
    private final String path;
    private CompletableFuture<Optional<Path>> install;

    NodeSdk(Path cacheDir, String path) {
        this.dir = cacheDir.resolve("nodejs-sdk-v3");
        this.path = path;
    }

    /** Starts the install in the background if it has not run yet. */
    synchronized CompletableFuture<Optional<Path>> prepare() {
        if (install == null) {
            install = CompletableFuture.supplyAsync(this::installOnce);
        }
        return install;
    }

    /** The {@code node_modules} holding the SDK, waiting for the install; empty when it could not be installed. */
    Optional<Path> nodeModules() {
        return prepare().join();
    }

    /** Two runtimes in one JVM share the cache; a FileLock guards only against other processes. */
    private static final Object JVM_LOCK = new Object();

    private Optional<Path> installOnce() {
        synchronized (JVM_LOCK) {
            return installLocked();
        }
    }

    private Optional<Path> installLocked() {
        Path modules = dir.resolve("node_modules");
        Path done = dir.resolve(".installed");
        try {
            Files.createDirectories(dir);
            try (FileChannel lock = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                if (Files.exists(done)) {
                    return Optional.of(modules);
                }
                Optional<Path> npm = LambdaRuntime.find("npm", path);
                if (npm.isEmpty()) {
                    LOG.warn("npm is not on PATH: Node.js functions run without the AWS SDK Lambda includes; install npm");
                    return Optional.empty();
                }
                LOG.info("installing the AWS SDK for JavaScript v3 for Node.js functions into {} (once)", dir);
                List<String> command = new ArrayList<>(List.of(npm.get().toString(), "install", "--no-audit", "--no-fund",
                        "--no-save", "--prefix", dir.toString()));
                command.addAll(PACKAGES);
                Path log = dir.resolve("npm-install.log");
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    LOG.warn("npm install of the AWS SDK failed (see {}); Node.js functions run without it", log);
                    return Optional.empty();
                }
                Files.createFile(done);
                return Optional.of(modules);
            }
        } catch (IOException e) {
            LOG.warn("cannot install the AWS SDK for Node.js functions into {}: {}", dir, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
