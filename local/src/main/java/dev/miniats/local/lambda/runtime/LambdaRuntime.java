package dev.miniats.local.lambda.runtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Lambda runtimes that run here as local processes
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), each on the machine's own
 * interpreter: {@code node}, {@code python3}, the JVM running mini-ats, or the zip's {@code bootstrap}.
 */
public enum LambdaRuntime {
    NODEJS20("nodejs20.x", Family.NODE),
    NODEJS22("nodejs22.x", Family.NODE),
    JAVA17("java17", Family.JAVA),
    JAVA21("java21", Family.JAVA),
    PYTHON311("python3.11", Family.PYTHON),
    PYTHON312("python3.12", Family.PYTHON),
    PROVIDED_AL2023("provided.al2023", Family.PROVIDED),
    PROVIDED_AL2("provided.al2", Family.PROVIDED);

    /** How a runtime's process is started. */
    public enum Family { NODE, PYTHON, JAVA, PROVIDED }

    private final String id;
    private final Family family;

    LambdaRuntime(String id, Family family) {
        this.id = id;
        this.family = family;
    }

    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    public static Optional<LambdaRuntime> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** Lambda's enum value list, for the error naming what is accepted. */
    public static String ids() {
        return Arrays.stream(values()).map(LambdaRuntime::id).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The interpreter this runtime needs on {@code path} (a PATH value), or null when none is needed. */
    String interpreter() {
        return switch (family) {
            case NODE -> "node";
            case PYTHON -> "python3";
            case JAVA, PROVIDED -> null;
        };
    }

    /**
     * What is missing to run this runtime with {@code path} as PATH, as a sentence naming what to
     * install; empty when it can run.
     */
    public Optional<String> missing(String path) {
        String interpreter = interpreter();
        if (interpreter == null || find(interpreter, path).isPresent()) {
            return Optional.empty();
        }
        String install = family == Family.NODE ? "Node.js " + id.replaceAll("\\D", "") + " (e.g. apt-get install nodejs npm)"
                : "Python " + id.substring("python".length()) + " (e.g. apt-get install python3)";
        return Optional.of("The runtime " + id + " runs functions with the machine's `" + interpreter
                + "`, which is not on PATH; install " + install + " and start mini-ats again.");
    }

    static Optional<Path> find(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        return List.of(path.split(File.pathSeparator)).stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }
}
