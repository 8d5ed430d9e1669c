package dev.miniats.local.dynamodb;

import dev.miniats.local.aws.Ports;
import dev.miniats.local.backends.BackendUnavailableException;
import dev.miniats.local.backends.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dynalite (npm, a DynamoDB implementation on LevelDB) as a node child process on a free loopback
 * port, its tables in {@code dataDir}. Installed once with npm into {@code toolsDir} when missing.
 */
final class Dynalite {
    static final String PACKAGE = "dynalite@4.0.0";
    /** Ends node when its stdin closes, that is when the runtime's JVM is gone, however it died. */
    private static final String WATCH_PARENT = "process.stdin.on('end',()=>process.exit(0));process.stdin.resume();"
            + "require(process.argv[1])";

    private Dynalite() {
    }

    static ChildProcess start(Path toolsDir, Path dataDir) {
        Path cli = installed(toolsDir).resolve("node_modules/dynalite/cli.js");
        int port = Ports.reserve("127.0.0.1", 0);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot create the DynamoDB data directory " + dataDir + ": " + e.getMessage());
        }
        // with -e, node's argv[1] is the first argument after the script; dynalite reads argv.slice(2)
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "-e", WATCH_PARENT, cli.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--path", dataDir.toString(),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("dynalite.log").toFile()));
        return ChildProcess.start("dynalite (DynamoDB)", builder, port, Duration.ofSeconds(30));
    }

    private static Path installed(Path toolsDir) {
        if (Files.isRegularFile(toolsDir.resolve("node_modules/dynalite/cli.js"))) {
            return toolsDir;
        }
        Path log = toolsDir.resolve("npm-install.log");
        try {
            Files.createDirectories(toolsDir);
            Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", toolsDir.toString(), PACKAGE))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new BackendUnavailableException("DynamoDB needs " + PACKAGE + " from npm and its install into " + toolsDir
                        + " failed; see " + log + " (or run: npm install --prefix " + toolsDir + " " + PACKAGE + ")");
            }
            return toolsDir;
        } catch (IOException e) {
            throw new BackendUnavailableException("DynamoDB runs on dynalite, which needs Node.js 20 and npm on the PATH (" + e.getMessage()
                    + "); install them, then retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while installing " + PACKAGE);
        }
    }
}
