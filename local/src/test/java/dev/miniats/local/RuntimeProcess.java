package dev.miniats.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ats up} as a separate JVM, the way a user runs it, on free ports. It reads the
 * endpoint lines the runtime prints; {@link #kill()} is SIGKILL, {@link #stop()} SIGTERM.
 */
public final class RuntimeProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final int imapPort;
    private final int smtpPort;
    private final List<String> output = new ArrayList<>();

    private RuntimeProcess(Path dataDir, Map<String, String> environment, List<String> extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Ats.class.getName(), "up", "--data-dir", dataDir.toString(),
                "--port", "0", "--smtp-port", "0", "--imap-port", "0", "--xray-port", "0"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("Ready in")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("ats up did not become ready; it printed " + output, e);
        }
        endpoint = URI.create(valueAfter("AWS endpoint: "));
        String imap = valueAfter("IMAP: ");
        imapPort = Integer.parseInt(imap.substring(imap.lastIndexOf(':') + 1));
        String smtp = valueAfter("SMTP: ");
        smtpPort = Integer.parseInt(smtp.substring(smtp.lastIndexOf(':') + 1));
        // Keep draining stdout so the process never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "ats-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    public static RuntimeProcess start(Path dataDir, String... extraArgs) throws IOException {
        return new RuntimeProcess(dataDir, Map.of(), List.of(extraArgs));
    }

    /** As {@link #start(Path, String...)}, with variables added to the runtime's environment. */
    public static RuntimeProcess start(Path dataDir, Map<String, String> environment, String... extraArgs) throws IOException {
        return new RuntimeProcess(dataDir, environment, List.of(extraArgs));
    }

    private String valueAfter(String prefix) {
        synchronized (output) {
            return output.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()).strip())
                    .orElseThrow(() -> new IllegalStateException("no line starting with '" + prefix + "' in " + output));
        }
    }

    /** Every line printed so far. */
    public List<String> lines() {
        return startupLines();
    }

    public List<String> startupLines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public int imapPort() {
        return imapPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager sends; returns the exit code (143: ended by SIGTERM, after the shutdown hook). */
    public int stop() throws InterruptedException, IOException {
        // Not Process.destroy(): it closes our end of the child's stdout right after signalling,
        // which would hide what the runtime prints while it shuts down.
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ats up did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        // SIGKILL, unlike SIGTERM above: a test that is done needs no clean shutdown.
        if (process.isAlive()) {
            kill();
        }
    }
}
