package dev.miniats.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates {@code infra/cloudformation/mini-ats.json}. Run from the repository root after
 * changing the stack, the routing or the function catalog:
 * {@code mvn -q -pl core,functions,infra -am package -DskipTests && java -cp "infra/target/classes:$(cat infra/target/cdk.classpath)" dev.miniats.infra.WriteTemplate}
 */
public final class WriteTemplate {
    static final Path DEFAULT_OUTPUT = Path.of("infra", "cloudformation", "mini-ats.json");

    private WriteTemplate() {
    }

    public static void main(String[] args) throws IOException {
        Path output = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, StandaloneTemplate.synthesize());
        System.out.println("Wrote " + output.toAbsolutePath().normalize());
    }
}
