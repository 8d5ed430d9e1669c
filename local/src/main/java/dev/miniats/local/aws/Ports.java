package dev.miniats.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Choosing the runtime's port before its server starts, so everything built before it can know its endpoint. */
public final class Ports {
    private Ports() {
    }

    /**
     * {@code port} itself when it is not 0; otherwise a port the kernel hands out as free on
     * {@code host}. The socket is closed again at once: the kernel does not hand the same
     * ephemeral port out again straight away, so the server binds it a moment later.
     */
    public static int reserve(String host, int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }
}
