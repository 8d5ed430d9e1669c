package dev.miniats.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when the shaded functions jar is not where the stack needs it. Not retryable: build it first. */
public final class LambdaJarNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LambdaJarNotFoundException(List<Path> lookedAt) {
        super("The functions' Lambda jar was not found at "
                + lookedAt.stream().map(Path::toString).collect(Collectors.joining(" or "))
                + "; build it with `mvn -pl core,functions -am package -DskipTests` from the repository root,"
                + " or point -D" + LambdaJar.PROPERTY + "=<path> at it");
    }
}
