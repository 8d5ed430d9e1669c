package dev.miniats.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js tools the tests run against: dynalite (a DynamoDB-compatible server) and ical.js
 * (an independent iCalendar parser). Installed once from the npm registry into
 * {@code target/node-tools}, at pinned versions, the first time a test needs them.
 */
public final class NodeTools {
    public static final String DYNALITE = "dynalite@4.0.0";
    public static final String ICAL_JS = "ical.js@2.2.1";
    private static final Path DIR = Path.of("target", "node-tools").toAbsolutePath();

    private NodeTools() {
    }

    /** The directory whose {@code node_modules} holds both tools, installing them if needed. */
    public static synchronized Path installed() {
        if (Files.isRegularFile(DIR.resolve("node_modules/dynalite/cli.js"))
                && Files.isRegularFile(DIR.resolve("node_modules/ical.js/package.json"))) {
            return DIR;
        }
        try {
            Files.createDirectories(DIR);
            Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", DIR.toString(), DYNALITE, ICAL_JS))
                    .redirectErrorStream(true)
                    .redirectOutput(DIR.resolve("npm-install.log").toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install of " + DYNALITE + " and " + ICAL_JS + " failed; see " + DIR.resolve("npm-install.log"));
            }
            return DIR;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run npm (Node.js 20 and npm are needed by these tests)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing node tools", e);
        }
    }
}
