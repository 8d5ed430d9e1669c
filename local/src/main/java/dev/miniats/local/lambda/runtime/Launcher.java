package dev.miniats.local.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the command line and process environment of an execution environment per runtime family:
 * our small bootstraps for Node.js ({@code bootstrap.mjs}) and Python ({@code bootstrap.py}), AWS's
 * Runtime Interface Client for Java, the zip's own {@code bootstrap} for the OS-only runtimes.
 * Thread-safe.
 */
final class Launcher {
    /** What a process needs to start; {@code warning} (or null) goes to the function's log: it runs on another version. */
    record Launch(List<String> command, Map<String, String> environment, String warning) {
    }

    /** Thrown when an environment cannot be started; carries Lambda's error type for the invocation. */
    static final class LaunchException extends RuntimeException {
        private final String errorType;

        LaunchException(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }
    }

    private final Path cacheDir;
    private final String path;
    private final Interpreters interpreters;
    private final NodeSdk nodeSdk;
    private final JavaRic javaRic;

    Launcher(Path cacheDir, Interpreters interpreters) {
        this.cacheDir = cacheDir;
        this.interpreters = interpreters;
        this.path = interpreters.path();
        this.nodeSdk = new NodeSdk(cacheDir, path);
        this.javaRic = new JavaRic(cacheDir);
    }

    /** Starts what a runtime needs ahead of its first invoke (the Node.js SDK install). */
    void prepare(LambdaRuntime runtime) {
        if (runtime.family() == LambdaRuntime.Family.NODE) {
            nodeSdk.prepare();
        }
    }

    Launch launch(FunctionSpec spec) {
        LambdaRuntime runtime = spec.runtime();
        interpreters.missing(runtime).ifPresent(why -> {
            throw new LaunchException("Runtime.Unavailable", why);
        });
        Optional<Interpreters.Found> interpreter = interpreters.find(runtime);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
        env.put("LANG", "en_US.UTF-8");
        String home = System.getProperty("user.home");
        if (home != null) {
            env.put("HOME", home);
        }
        env.putAll(spec.environment());
        try {
            env.putAll(spec.credentials().get());
        } catch (RuntimeException e) {
            // the role was deleted (or no longer trusts Lambda) after the function was created
            throw new LaunchException("AccessDeniedException", "The role defined for the function cannot be assumed by Lambda. ("
                    + e.getMessage() + ")");
        }
        Path root = spec.taskRoot();
        List<String> command = switch (runtime.family()) {
            case NODE -> node(spec, env, interpreter.orElseThrow().binary());
            case PYTHON -> {
                env.put("PYTHONPATH", root.toString());
                env.put("PYTHONUNBUFFERED", "1");
                yield List.of(interpreter.orElseThrow().binary().toString(), "-u",
                        bootstrap("python/bootstrap.py").toString());
            }
            case JAVA -> java(spec, interpreter.orElseThrow().binary());
            case PROVIDED -> {
                Path bootstrap = root.resolve("bootstrap");
                if (!Files.isRegularFile(bootstrap)) {
                    // Lambda's message, with this machine's task root for /var/task
                    throw new LaunchException("Runtime.InvalidEntrypoint", "Couldn't find valid bootstrap(s): [" + bootstrap + "]");
                }
                if (!Files.isExecutable(bootstrap)) {
                    throw new LaunchException("Runtime.InvalidEntrypoint", "The bootstrap " + bootstrap + " is not executable");
                }
                yield List.of(bootstrap.toString());
            }
        };
        return new Launch(command, env, interpreter.map(Interpreters.Found::warning).orElse(null));
    }

    private List<String> node(FunctionSpec spec, Map<String, String> env, Path node) {
        Optional<Path> sdk = nodeSdk.nodeModules();
        if (sdk.isPresent()) {
            env.put("NODE_PATH", sdk.get().toString());
            // ES modules ignore NODE_PATH: they find packages in node_modules next to or above the file, so
            // the SDK is linked beside the task root, where the function's own node_modules still wins.
            link(spec.taskRoot().getParent().resolve("node_modules"), sdk.get());
        }
        int heap = Math.max(32, spec.memoryMb() * 9 / 10);
        return List.of(node.toString(), "--max-old-space-size=" + heap,
                bootstrap("node/bootstrap.mjs").toString());
    }

    private List<String> java(FunctionSpec spec, Path java) {
        List<Path> jars;
        try {
            jars = javaRic.jars();
        } catch (IOException e) {
            throw new LaunchException("Runtime.Unavailable", e.getMessage());
        }
        Path root = spec.taskRoot();
        List<String> classpath = new ArrayList<>(jars.stream().map(Path::toString).toList());
        classpath.add(root.toString());
        classpath.add(root.resolve("lib").toString() + "/*");
        // Lambda's Java runtime flags: C1 only and the serial collector for fast starts
        return List.of(java.toString(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx" + Math.max(64, spec.memoryMb() * 85 / 100) + "m",
                "-cp", String.join(File.pathSeparator, classpath), JavaRic.MAIN, spec.handler());
    }

    private static void link(Path link, Path target) {
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                return;
            }
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot link the AWS SDK at " + link + ": " + e.getMessage(), e);
        }
    }

    /** Our bootstrap {@code name}, copied from the jar into the cache when its content changed. */
    private Path bootstrap(String name) {
        Path file = cacheDir.resolve("bootstrap").resolve(name);
        try (InputStream in = Launcher.class.getResourceAsStream("/lambda-runtime/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bootstrap " + name + " is missing from the build");
            }
            byte[] content = in.readAllBytes();
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), content)) {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "bootstrap", ".tmp");
                Files.write(tmp, content);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bootstrap " + file + ": " + e.getMessage(), e);
        }
    }
}
