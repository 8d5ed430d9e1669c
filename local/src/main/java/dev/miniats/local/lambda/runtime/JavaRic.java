package dev.miniats.local.lambda.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's Java Runtime Interface Client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client},
 * https://github.com/aws/aws-lambda-java-libs) and the two libraries it needs, which run Java
 * functions here exactly as Lambda's Java runtime does (handler resolution, POJO serialization,
 * {@code RequestStreamHandler}, error shapes). Its JNI client ships prebuilt for Linux x86_64 and
 * arm64, so nothing is compiled. Found in the local Maven repository, else fetched once from
 * Maven Central into the cache. Thread-safe.
 */
final class JavaRic {
    private static final Logger LOG = LoggerFactory.getLogger(JavaRic.class);
    static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** group path, artifact, version: the RIC and the versions its POM names. */
    static final List<String[]> ARTIFACTS = List.of(
            new String[]{"com/amazonaws", "aws-lambda-java-runtime-interface-client", "2.6.0"},
            new String[]{"com/amazonaws", "aws-lambda-java-core", "1.3.0"},
            new String[]{"com/amazonaws", "aws-lambda-java-serialization", "1.1.2"});
    private static final String CENTRAL = "https://repo1.maven.org/maven2/";

    private final Path cacheDir;
    private List<Path> jars;

    JavaRic(Path cacheDir) {
        this.cacheDir = cacheDir.resolve("java-ric");
    }

    /** The jars, resolving them on first use. */
    synchronized List<Path> jars() throws IOException {
        if (jars == null) {
            List<Path> found = new ArrayList<>();
            for (String[] a : ARTIFACTS) {
                found.add(resolve(a[0], a[1], a[2]));
            }
            jars = List.copyOf(found);
        }
        return jars;
    }

    private Path resolve(String group, String artifact, String version) throws IOException {
        String relative = group + "/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar";
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(relative);
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        Path cached = cacheDir.resolve(artifact + "-" + version + ".jar");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        LOG.info("fetching {} {} from Maven Central for Java functions (once)", artifact, version);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, artifact, ".part");
        try (InputStream in = URI.create(CENTRAL + relative).toURL().openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("Java functions need " + artifact + " " + version + ", which is neither in " + m2.getParent()
                    + " nor downloadable from Maven Central (" + e.getMessage() + "); run `mvn dependency:get -Dartifact=com.amazonaws:"
                    + artifact + ":" + version + "` once with network access", e);
        }
        return cached;
    }
}
