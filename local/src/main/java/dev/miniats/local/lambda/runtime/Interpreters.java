package dev.miniats.local.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the interpreter of the version a runtime names ({@code nodejs22.x} needs Node.js 22,
 * {@code java21} a JDK 21, {@code python3.12} Python 3.12), so a function never silently runs on
 * another version than on Lambda. Looked up in this order:
 * <ol>
 *   <li>a setting naming it: {@code ATS_LAMBDA_NODEJS22} (a {@code node} binary), {@code ATS_LAMBDA_JAVA21}
 *       (a JDK's home or its {@code java}), {@code ATS_LAMBDA_PYTHON3_12} (a {@code python} binary);</li>
 *   <li>PATH names carrying the version: {@code node22}, {@code python3.12}; for Java the JVM running
 *       mini-ats, then the JDKs installed under {@code /usr/lib/jvm} ({@code java-21-*}, {@code temurin-21-*}, ...);</li>
 *   <li>the plain name on PATH ({@code node}, {@code python3}, {@code java}) when its version is the one needed;</li>
 *   <li>with {@code ATS_LAMBDA_NEAREST_RUNTIME=true} only: the family's plain interpreter, whatever its
 *       version, with a warning in the function's log.</li>
 * </ol>
 * Otherwise {@link #missing} says what to install. Versions are read once per binary
 * ({@code --version}). Thread-safe.
 */
final class Interpreters {
    /** The setting that lets a runtime run on another version of its interpreter. */
    static final String NEAREST = "ATS_LAMBDA_NEAREST_RUNTIME";
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    /** An interpreter found for a runtime; {@code warning} is set when it is not the runtime's version (opt-in). */
    record Found(Path binary, String version, String warning) {
    }

    private final Map<String, String> settings;
    private final String path;
    private final Path jvmDir;
    private final Map<Path, Optional<String>> versions = new ConcurrentHashMap<>();

    /**
     * @param settings the variables read: PATH and the {@code ATS_LAMBDA_*} settings (normally this process's environment)
     * @param jvmDir   where JDKs are installed ({@code /usr/lib/jvm} on Debian)
     */
    Interpreters(Map<String, String> settings, Path jvmDir) {
        this.settings = Map.copyOf(settings);
        this.path = settings.get("PATH");
        this.jvmDir = jvmDir;
    }

    String path() {
        return path;
    }

    /** The interpreter that runs {@code runtime}; empty for the OS-only runtimes, which bring their own bootstrap. */
    Optional<Found> find(LambdaRuntime runtime) {
        if (runtime.family() == LambdaRuntime.Family.PROVIDED) {
            return Optional.empty();
        }
        String wanted = runtime.languageVersion();
        for (Path candidate : candidates(runtime)) {
            Optional<String> version = version(candidate);
            if (version.isPresent() && matches(version.get(), wanted)) {
                return Optional.of(new Found(candidate, version.get(), null));
            }
        }
        if (Boolean.parseBoolean(settings.get(NEAREST))) {
            Optional<Path> plain = plain(runtime);
            Optional<String> version = plain.flatMap(this::version);
            if (version.isPresent()) {
                return Optional.of(new Found(plain.get(), version.get(), "WARNING: " + runtime.id() + " runs on " + plain.get()
                        + " (version " + version.get() + ") because " + NEAREST + " is set; on Lambda it runs on "
                        + runtime.language() + " " + wanted + ". Install that to run the function as Lambda does."));
            }
        }
        return Optional.empty();
    }

    /** Why {@code runtime} cannot run here, naming what to install and the settings that point at it; empty when it can. */
    Optional<String> missing(LambdaRuntime runtime) {
        if (runtime.family() == LambdaRuntime.Family.PROVIDED || find(runtime).isPresent()) {
            return Optional.empty();
        }
        String wanted = runtime.languageVersion();
        String found = plain(runtime).map(p -> p + " is version " + version(p).orElse("unknown")).orElse("none is on PATH");
        String named = switch (runtime.family()) {
            case NODE -> "put its node on PATH as node" + wanted;
            case PYTHON -> "put it on PATH as python" + wanted;
            case JAVA -> "install it under " + jvmDir + " (e.g. " + jvmDir + "/java-" + wanted + "-openjdk-amd64)";
            case PROVIDED -> throw new IllegalStateException("unreachable");
        };
        return Optional.of("The runtime " + runtime.id() + " needs " + runtime.language() + " " + wanted + ", which this machine"
                + " does not have (" + found + "). Install " + runtime.language() + " " + wanted + " and " + named + " or set "
                + setting(runtime) + " to it, or set " + NEAREST + "=true to run " + runtime.id() + " on the version you have"
                + " (with a warning), then start mini-ats again.");
    }

    /** The setting naming the interpreter of {@code runtime}: {@code ATS_LAMBDA_NODEJS22}, {@code ATS_LAMBDA_PYTHON3_12}, ... */
    static String setting(LambdaRuntime runtime) {
        return "ATS_LAMBDA_" + runtime.id().replace(".x", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static boolean matches(String version, String wanted) {
        return version.equals(wanted) || version.startsWith(wanted + ".");
    }

    private List<Path> candidates(LambdaRuntime runtime) {
        List<Path> out = new ArrayList<>();
        String configured = settings.get(setting(runtime));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            out.add(runtime.family() == LambdaRuntime.Family.JAVA && Files.isDirectory(p) ? p.resolve("bin").resolve("java") : p);
            return out; // a setting is the answer: never fall back to something else behind the user's back
        }
        String wanted = runtime.languageVersion();
        switch (runtime.family()) {
            case NODE -> onPath("node" + wanted).ifPresent(out::add);
            case PYTHON -> onPath("python" + wanted).ifPresent(out::add);
            case JAVA -> {
                out.add(Path.of(System.getProperty("java.home"), "bin", "java"));
                out.addAll(jdks(wanted));
            }
            case PROVIDED -> { }
        }
        plain(runtime).ifPresent(out::add);
        return out;
    }

    private Optional<Path> plain(LambdaRuntime runtime) {
        return switch (runtime.family()) {
            case NODE -> onPath("node");
            case PYTHON -> onPath("python3");
            case JAVA -> Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
            case PROVIDED -> Optional.empty();
        };
    }

    /** JDKs under {@link #jvmDir} whose directory names the version ({@code java-21-openjdk-amd64}, {@code temurin-21-jdk-amd64}). */
    private List<Path> jdks(String wanted) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(jvmDir)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvmDir)) {
            for (Path dir : dirs) {
                if (dir.getFileName().toString().matches(".*\\D" + wanted + "(\\D.*)?") && Files.isExecutable(dir.resolve("bin/java"))) {
                    out.add(dir.resolve("bin").resolve("java"));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    Optional<Path> onPath(String program) {
        if (path == null) {
            return Optional.empty();
        }
        return List.of(path.split(File.pathSeparator)).stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** The version {@code binary} reports ({@code 20.11.0}, {@code 3.11.7}, {@code 17.0.15}), read once; empty when it cannot run. */
    Optional<String> version(Path binary) {
        return versions.computeIfAbsent(binary, Interpreters::ask);
    }

    private static Optional<String> ask(Path binary) {
        if (!Files.isExecutable(binary)) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(binary.toString(), binary.getFileName().toString().startsWith("java") ? "-version" : "--version")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                return Optional.empty();
            }
            int end = out.indexOf(' ', m.start()) < 0 ? out.length() : out.indexOf(' ', m.start());
            return Optional.of(out.substring(m.start(), end).replaceAll("[^0-9.].*", ""));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
