package dev.miniats.local.backends;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A backend run as a child process listening on a loopback port. {@link #close} stops it and its
 * descendants, so no process outlives the runtime. Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ChildProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code builder} and waits until something listens on {@code port} of 127.0.0.1. */
    public static ChildProcess start(String name, ProcessBuilder builder, int port, Duration timeout) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BackendUnavailableException(name + " could not be started (" + String.join(" ", builder.command()) + "): "
                    + e.getMessage());
        }
        ChildProcess child = new ChildProcess(process, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BackendUnavailableException(name + " exited with status " + process.exitValue() + " before listening");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return child;
            } catch (IOException notYet) {
                pause();
            }
        }
        child.close();
        throw new BackendUnavailableException(name + " did not listen on port " + port + " within " + timeout.toSeconds() + " s");
    }

    public int port() {
        return port;
    }

    /** The process, for checks that it is gone after {@link #close}. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while waiting for a backend to listen");
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
