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
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), each on an interpreter of the
 * version it names, found by {@link Interpreters}, or the zip's {@code bootstrap}.
 */
public enum LambdaRuntime {
    NODEJS20("nodejs20.x", Family.NODE, "20"),
    NODEJS22("nodejs22.x", Family.NODE, "22"),
    JAVA17("java17", Family.JAVA, "17"),
    JAVA21("java21", Family.JAVA, "21"),
    PYTHON311("python3.11", Family.PYTHON, "3.11"),
    PYTHON312("python3.12", Family.PYTHON, "3.12"),
    PROVIDED_AL2023("provided.al2023", Family.PROVIDED, null),
    PROVIDED_AL2("provided.al2", Family.PROVIDED, null);

    /** How a runtime's process is started. */
    public enum Family { NODE, PYTHON, JAVA, PROVIDED }

    private final String id;
    private final Family family;
    private final String languageVersion;

    LambdaRuntime(String id, Family family, String languageVersion) {
        this.id = id;
        this.family = family;
        this.languageVersion = languageVersion;
    }

    /** The language version this runtime runs ({@code 22}, {@code 3.12}, {@code 21}); null for the OS-only runtimes. */
    String languageVersion() {
        return languageVersion;
    }

    /** What to install, in words: {@code Node.js}, {@code Python}, {@code Java (a JDK)}. */
    String language() {
        return switch (family) {
            case NODE -> "Node.js";
            case PYTHON -> "Python";
            case JAVA -> "a JDK";
            case PROVIDED -> "nothing";
        };
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

    static Optional<Path> find(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        return List.of(path.split(File.pathSeparator)).stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }
}
