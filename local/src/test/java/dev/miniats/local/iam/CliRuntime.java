package dev.miniats.local.iam;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A runtime on free ports in its own temporary data directory, with the real AWS CLI pointed at
 * it, shared by the tests of one class: {@code @RegisterExtension static final CliRuntime ats = new CliRuntime();}.
 * Started before the class's first test, closed and its directory removed after the last.
 */
public final class CliRuntime implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private LocalRuntime runtime;
    private AwsCli aws;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("ats-cli");
        runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(dataDir).ephemeralPorts().build());
        aws = AwsCli.local(runtime.endpoint(), dataDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (runtime != null) {
            runtime.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    /** The CLI with the local credentials. */
    public AwsCli aws() {
        return aws;
    }

    /** The runtime's data directory, also the CLI's scratch directory. */
    public Path dataDir() {
        return dataDir;
    }
}
