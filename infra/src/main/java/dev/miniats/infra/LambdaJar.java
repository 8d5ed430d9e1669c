package dev.miniats.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Finds the functions module's shaded jar ({@code functions-<version>-lambda.jar}), the file Lambda
 * runs. The system property {@value #PROPERTY} wins (Maven's Surefire sets it); otherwise the jar is
 * looked for relative to the working directory, which is {@code infra/} when the CDK CLI runs the
 * app and the repository root when a developer runs it from there.
 */
public final class LambdaJar {
    public static final String PROPERTY = "mini-ats.lambda-jar";

    private LambdaJar() {
    }

    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return requireFile(Path.of(configured));
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        return locateFrom(workingDirectory, version());
    }

    static Path locateFrom(Path workingDirectory, String version) {
        String fileName = "functions-" + version + "-lambda.jar";
        List<Path> candidates = List.of(
                workingDirectory.resolve("../functions/target").resolve(fileName).normalize(),
                workingDirectory.resolve("functions/target").resolve(fileName).normalize());
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new LambdaJarNotFoundException(candidates));
    }

    private static Path requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new LambdaJarNotFoundException(List.of(jar));
        }
        return jar;
    }

    /** The project version Maven filtered into {@code build.properties}. */
    static String version() {
        try (InputStream in = LambdaJar.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the infra jar; rebuild with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read build.properties", e);
        }
    }
}
